<?php

namespace Seam;

/** The action attempt was still pending when the wait for it ended. */
class ActionAttemptTimeoutError extends ActionAttemptError
{
    public function __construct(object $actionAttempt, float $timeout)
    {
        parent::__construct("Timed out waiting for action attempt after {$timeout}s", $actionAttempt);
    }
}
