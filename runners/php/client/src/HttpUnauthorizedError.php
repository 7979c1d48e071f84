<?php

namespace Seam;

/** The API refused the credentials (HTTP 401). */
class HttpUnauthorizedError extends HttpApiError
{
    public function __construct(string $requestId)
    {
        parent::__construct((object) ['type' => 'unauthorized', 'message' => 'Unauthorized'], 401, $requestId);
    }
}
