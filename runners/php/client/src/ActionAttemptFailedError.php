<?php

namespace Seam;

/** The action attempt ended with status `error`: its error's message, and its type as the error code. */
class ActionAttemptFailedError extends ActionAttemptError
{
    private string $errorCode;

    public function __construct(object $actionAttempt)
    {
        $error = $actionAttempt->error ?? null;
        parent::__construct(is_string($error->message ?? null) ? $error->message : 'Action attempt failed', $actionAttempt);
        $this->errorCode = is_string($error->type ?? null) ? $error->type : 'unknown_error';
    }

    public function getErrorCode(): string
    {
        return $this->errorCode;
    }
}
