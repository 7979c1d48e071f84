<?php

namespace Seam\Routes;

use Seam\Naming;
use Seam\SeamClient;

/**
 * One namespace of the API (`$seam->acs->users`): its sub-namespaces are properties, its routes
 * methods. A method call becomes `POST /acs/users/<method>` with the named arguments as the body.
 */
class RouteClient
{
    /** @var array<string, RouteClient> */
    private array $children = [];

    /** @param string[] $words */
    final protected function __construct(
        protected readonly SeamClient $seam,
        protected readonly array $words,
    ) {
    }

    /** @param string[] $words */
    public static function at(SeamClient $seam, array $words): self
    {
        return $words === ['action_attempts'] ? new ActionAttemptsClient($seam, $words) : new self($seam, $words);
    }

    /** The generated SDK's class for this namespace, for messages: `Seam\Routes\AcsUsersClient`. */
    public function className(): string
    {
        return 'Seam\\Routes\\' . Naming::pascal($this->words) . 'Client';
    }

    public function __get(string $name): RouteClient
    {
        return $this->children[$name] ??= self::at($this->seam, [...$this->words, Naming::property($this->className(), $name)]);
    }

    /** @param array<int|string, mixed> $arguments named arguments arrive with string keys */
    public function __call(string $name, array $arguments): mixed
    {
        $method = Naming::method($this->className(), $name);
        $params = [];
        foreach ($arguments as $key => $value) {
            if (is_int($key)) {
                throw new \Error(
                    "{$this->className()}::{$method}(): the built-in Seam client takes named arguments only (argument #" . ($key + 1) . ' is positional)',
                );
            }
            // The generated methods send only the parameters that are not null.
            if ($value !== null) {
                $params[$key] = $value;
            }
        }
        $wait = $params['wait_for_action_attempt'] ?? null;
        unset($params['wait_for_action_attempt']);
        return $this->seam->call('/' . implode('/', [...$this->words, $method]), $params, $wait === null ? null : (bool) $wait);
    }
}
