<?php
// The real `seamapi/seam` pointed at the mock. Its releases differ in how they are built: 3.x
// takes `new SeamClient($api_key, $endpoint)` and a `wait_for_action_attempt` argument on each
// action method (default true); 4.x takes named options, a client-wide
// `wait_for_action_attempt`, and Guzzle options. Both resolve request paths against the
// endpoint as RFC 3986 says, which drops the example prefix of the mock URL: a Guzzle middleware
// puts it back.

namespace DocHarness;

use GuzzleHttp\HandlerStack;
use GuzzleHttp\Middleware;
use Psr\Http\Message\RequestInterface;

final class Sdk
{
    public static function make(string $class, string $apiKey, string $baseUrl): object
    {
        $parameters = array_map(fn(\ReflectionParameter $p) => $p->getName(), (new \ReflectionMethod($class, '__construct'))->getParameters());
        $keepPrefix = self::keepPrefix($baseUrl);
        $options = ['api_key' => $apiKey, 'endpoint' => $baseUrl];
        $clientWide = in_array('wait_for_action_attempt', $parameters, true);
        if ($clientWide) {
            $options['wait_for_action_attempt'] = false;
        }
        if (in_array('guzzle_options', $parameters, true)) {
            $stack = HandlerStack::create();
            $stack->push($keepPrefix, 'doc_harness_example_prefix');
            $options['guzzle_options'] = ['handler' => $stack];
        }
        $seam = new $class(...$options);
        if (!isset($options['guzzle_options']) && ($seam->client ?? null) instanceof \GuzzleHttp\Client) {
            $seam->client->getConfig('handler')->push($keepPrefix, 'doc_harness_example_prefix');
        }
        return $clientWide ? $seam : new NoWait($seam, substr($class, 0, (int) strrpos($class, '\\') + 1));
    }

    /** Prefixes every request path with the base URL's path when the client dropped it. */
    private static function keepPrefix(string $baseUrl): callable
    {
        $prefix = rtrim((string) parse_url($baseUrl, PHP_URL_PATH), '/');
        return Middleware::mapRequest(static function (RequestInterface $request) use ($prefix): RequestInterface {
            $uri = $request->getUri();
            if ($prefix === '' || str_starts_with($uri->getPath(), "{$prefix}/")) {
                return $request;
            }
            return $request->withUri($uri->withPath($prefix . $uri->getPath()));
        });
    }
}

/**
 * 3.x waits for an action attempt unless the call says `wait_for_action_attempt: false`; this
 * view of the client says it on every call whose method takes it and was not given it.
 */
final class NoWait
{
    /** @param string $namespace the client's namespace (`Seam\`): its route clients are wrapped too */
    public function __construct(private object $target, private string $namespace)
    {
    }

    public function __get(string $name): mixed
    {
        $value = $this->target->{$name};
        return is_object($value) && str_ends_with(get_class($value), 'Client') && str_starts_with(get_class($value), $this->namespace) ? new self($value, $this->namespace) : $value;
    }

    public function __isset(string $name): bool
    {
        return isset($this->target->{$name});
    }

    public function __call(string $name, array $arguments): mixed
    {
        if (method_exists($this->target, $name) && !array_key_exists('wait_for_action_attempt', $arguments)) {
            foreach ((new \ReflectionMethod($this->target, $name))->getParameters() as $parameter) {
                if ($parameter->getName() === 'wait_for_action_attempt') {
                    $arguments['wait_for_action_attempt'] = false;
                }
            }
        }
        return $this->target->{$name}(...$arguments);
    }
}
