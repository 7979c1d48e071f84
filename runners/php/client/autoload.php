<?php
// doc-harness's built-in stand-in for the `seamapi/seam` Composer package (see ../README.md):
// loaded in place of `vendor/autoload.php` when the real package cannot be installed. Classes
// live under src/ by their namespace path below `Seam\`, as Composer's PSR-4 would find them.
spl_autoload_register(static function (string $class): void {
    if (!str_starts_with($class, 'Seam\\')) {
        return;
    }
    $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, strlen('Seam\\'))) . '.php';
    if (is_file($file)) {
        require $file;
    }
});
