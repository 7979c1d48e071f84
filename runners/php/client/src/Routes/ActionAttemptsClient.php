<?php

namespace Seam\Routes;

use Seam\ActionAttemptFailedError;
use Seam\ActionAttemptTimeoutError;
use Seam\Resources\Resource;

/** `$seam->action_attempts`: its routes, and 3.x's poller that action methods wait with. */
class ActionAttemptsClient extends RouteClient
{
    private const POLLING_INTERVAL = 0.4;

    /** Fetches the attempt until it is no longer pending, as 3.x does: at least once, 0.4 s apart. */
    public function poll_until_ready(string $action_attempt_id, float $timeout = 20.0): Resource
    {
        $waited = 0.0;
        $attempt = $this->get(action_attempt_id: $action_attempt_id);
        while ($attempt->status === 'pending') {
            $attempt = $this->get(action_attempt_id: $attempt->action_attempt_id);
            if ($waited > $timeout) {
                throw new ActionAttemptTimeoutError($attempt, $timeout);
            }
            $waited += self::POLLING_INTERVAL;
            usleep((int) (self::POLLING_INTERVAL * 1_000_000));
        }
        if ($attempt->status === 'error') {
            throw new ActionAttemptFailedError($attempt);
        }
        return $attempt;
    }
}
