<?php

namespace Seam;

use Seam\Http\Transport;
use Seam\Resources\Resource;
use Seam\Routes\RouteClient;

/**
 * The Seam API client, shaped as `seamapi/seam` 3.x's `Seam\SeamClient`: the same constructor, the
 * namespaces as snake_case properties (`$seam->access_codes->unmanaged`), one method per route
 * taking named arguments, typed errors. Unlike the generated SDK it knows no route: a property is
 * a namespace, a method call is `POST /<namespace words>/<method>` with the named arguments as
 * the JSON body, and the answer is unwrapped by its response key.
 */
class SeamClient
{
    public string $api_key;

    public string $ltsVersion = '1.0.0';

    /** @var array<string, RouteClient> */
    private array $namespaces = [];

    private Transport $transport;

    private bool $waitForActionAttempt;

    /** The response key of the next request's route, when the caller knows it (see hintNextResponseKey). */
    private string|null|false $nextResponseKey = false;

    /**
     * @param bool $wait_for_action_attempt Not in 3.x, whose action methods each take it (and
     *   still do here); later releases take it here as the default for every call.
     */
    public function __construct(
        $api_key = null,
        $endpoint = 'https://connect.getseam.com',
        $throw_http_errors = false,
        bool $wait_for_action_attempt = true,
    ) {
        $this->api_key = $api_key ?: (getenv('SEAM_API_KEY') ?: '');
        $this->transport = new Transport((string) $endpoint, [
            'Authorization' => 'Bearer ' . $this->api_key,
            'seam-sdk-name' => 'seamapi/php',
            'seam-lts-version' => $this->ltsVersion,
        ]);
        $this->waitForActionAttempt = $wait_for_action_attempt;
    }

    public function __get(string $name): RouteClient
    {
        return $this->namespaces[$name] ??= RouteClient::at($this, [Naming::property(static::class, $name)]);
    }

    /**
     * The route of the next request answers with `$key` (null: it returns nothing). The generated
     * SDK knows this of every route; the built-in client otherwise reads it off the response,
     * which cannot tell a void route that also sends a resource back from one that returns it.
     */
    public function hintNextResponseKey(?string $key): void
    {
        $this->nextResponseKey = $key;
    }

    /** Sends one request and returns the decoded body (objects as stdClass), as 3.x's request() does. */
    public function request($method, $path, $json = null, $query = null): mixed
    {
        return $this->transport->send((string) $method, (string) $path, $json, $query);
    }

    /**
     * Calls one route: the body's result unwrapped into resources, or null for a void route;
     * action attempts are waited for unless the call or the client says not to.
     *
     * @param array<string, mixed> $params
     * @internal used by RouteClient
     */
    public function call(string $path, array $params, ?bool $wait): mixed
    {
        $hint = $this->nextResponseKey;
        $this->nextResponseKey = false;
        $body = $this->request('POST', $path, (object) $params);
        $key = ResponseKey::of($body, $hint, $path);
        // An action method returns an attempt; `action_attempts` routes return one without being one.
        $isAction = $key === 'action_attempt' && !str_starts_with($path, '/action_attempts/');
        if ($wait !== null && !$isAction) {
            // Only action methods declare it: PHP rejects it on any other (after the request here).
            throw new \Error('Unknown named parameter $wait_for_action_attempt');
        }
        if ($key === null) {
            return null;
        }
        $result = Resource::from($body->{$key});
        if (!$isAction || !($wait ?? $this->waitForActionAttempt)) {
            return $result;
        }
        return $this->action_attempts->poll_until_ready(action_attempt_id: $result->action_attempt_id);
    }
}
