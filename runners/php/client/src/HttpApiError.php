<?php

namespace Seam;

/** The API answered with an error: its message, its type as the error code, its status and request id. */
class HttpApiError extends \Exception
{
    private string $errorCode;

    private mixed $data;

    public function __construct(
        object $error,
        private int $statusCode,
        private string $requestId,
    ) {
        parent::__construct($error->message ?? 'Unknown error');
        $this->errorCode = $error->type ?? 'unknown';
        $this->data = $error->data ?? null;
    }

    /** The API's error type (`device_not_found`). */
    public function getErrorCode(): string
    {
        return $this->errorCode;
    }

    public function getStatusCode(): int
    {
        return $this->statusCode;
    }

    public function getRequestId(): string
    {
        return $this->requestId;
    }

    public function getData(): mixed
    {
        return $this->data;
    }
}
