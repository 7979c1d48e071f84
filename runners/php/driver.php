<?php
// The warm PHP child of doc-harness (see harness/run/driver.ts for the contract it follows): it
// loads the profile's client once, says ready on fd 3, then runs each job's snippet in a process
// forked for it, so that nothing one snippet defines or changes (globals, functions, classes,
// static properties, the environment) reaches the next. The snippet is evaluated in the forked
// process at this file's top level, as a script's own code would run: its variables are globals.

require __DIR__ . '/driver/channel.php';
require __DIR__ . '/driver/child.php';
require __DIR__ . '/driver/client.php';
require __DIR__ . '/driver/failure.php';
require __DIR__ . '/driver/sample.php';
require __DIR__ . '/driver/sdk.php';
require __DIR__ . '/driver/snippet.php';
require __DIR__ . '/driver/value.php';

ini_set('display_errors', 'stderr');
ini_set('log_errors', '0');
DocHarness\Channel::open();
try {
    DocHarness\Client::load(json_decode((string) getenv('DOC_HARNESS_PHP_CLIENT'), true, flags: JSON_THROW_ON_ERROR));
} catch (Throwable $error) {
    DocHarness\Channel::say(['type' => 'fatal', 'message' => 'cannot load the PHP client: ' . $error->getMessage()]);
    exit(1);
}
DocHarness\Channel::say(['type' => 'ready']);

while (($__message = DocHarness\Channel::next()) !== null) {
    $__result = DocHarness\Sample::run($__message['job']);
    if ($__result !== null) {
        DocHarness\Channel::say(['type' => 'result', 'id' => $__message['id'], 'payload' => $__result]);
        continue;
    }
    // The forked process of one sample: the snippet runs here, with the client (`$seam`: the
    // profile names it) as its only variable.
    unset($__message, $__result);
    try {
        ${DocHarness\Client::variable()} = DocHarness\Child::client();
        DocHarness\Child::succeed(eval(DocHarness\Child::code()));
    } catch (Throwable $__error) {
        DocHarness\Child::fail($__error);
    }
}
