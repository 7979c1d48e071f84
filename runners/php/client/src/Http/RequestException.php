<?php

namespace Seam\Http;

/** The API answered with an error status but not in its error shape (a gateway's HTML page). */
class RequestException extends \RuntimeException
{
}
