<?php

namespace Seam;

/** The API rejected the parameters (`invalid_input`). */
class HttpInvalidInputError extends HttpApiError
{
    private object $validationErrors;

    public function __construct(object $error, int $statusCode, string $requestId)
    {
        parent::__construct($error, $statusCode, $requestId);
        $this->validationErrors = $error->validation_errors ?? new \stdClass();
    }

    /** @return string[] the messages about one parameter */
    public function getValidationErrorMessages(string $paramName): array
    {
        return $this->validationErrors->{$paramName}->_errors ?? [];
    }
}
