<?php

namespace Seam;

/** An action attempt did not succeed; the attempt is kept for inspection. */
class ActionAttemptError extends \Exception
{
    public function __construct(string $message, private object $actionAttempt)
    {
        parent::__construct($message);
    }

    public function getActionAttempt(): object
    {
        return $this->actionAttempt;
    }
}
