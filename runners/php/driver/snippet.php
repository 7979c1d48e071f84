<?php
// A request snippet as the code the driver evaluates: its `<?php` blanked out (so that eval,
// which starts in PHP mode, sees the snippet's own lines and columns), and `return ` put before
// its last statement when that statement is an expression, so that eval gives back its value.
// PHP's own tokenizer finds the statements; nothing here reads PHP with patterns.

namespace DocHarness;

final class Snippet
{
    /** Statements that start with these are declarations or control flow, ending at a `}`. */
    private const BLOCKS = [T_IF, T_ELSEIF, T_ELSE, T_WHILE, T_FOR, T_FOREACH, T_SWITCH, T_TRY, T_CATCH, T_FINALLY,
        T_DECLARE, T_DO, T_CLASS, T_INTERFACE, T_TRAIT, T_ABSTRACT, T_FINAL, T_READONLY, T_NAMESPACE, T_ATTRIBUTE, T_ENUM];

    /** Expression-shaped statements that give no value to return. */
    private const NO_VALUE = [T_ECHO, T_PRINT, T_RETURN, T_GLOBAL, T_UNSET, T_USE, T_CONST, T_GOTO, T_BREAK, T_CONTINUE,
        T_THROW, T_EXIT, T_INLINE_HTML, T_HALT_COMPILER];

    private const OPENERS = ['(', '[', '{'];
    private const CLOSERS = [')', ']', '}'];

    public static function prepare(string $source): string
    {
        $tokens = \PhpToken::tokenize($source);
        $code = self::withoutOpenTag($source, $tokens);
        if ($code === null) {
            // No `<?php` in front: the snippet is PHP code already.
            $code = $source;
            $tokens = self::shift(\PhpToken::tokenize("<?php\n" . $source), strlen("<?php\n"));
        }
        $last = self::lastStatement($tokens);
        if ($last === null || !self::givesValue($tokens, $last)) {
            return $code;
        }
        $at = $tokens[$last]->pos;
        return substr($code, 0, $at) . 'return ' . substr($code, $at);
    }

    /**
     * Where on `$line` of the snippet PHP's parse error points, 1-based: the first token there
     * whose text is what the message calls unexpected (`unexpected identifier "name"`), or null
     * when the message names no token.
     */
    public static function columnOf(string $source, int $line, string $message): ?int
    {
        if (!preg_match('/unexpected (?:token |identifier |variable |double-quoted string |integer |floating-point number )?"(.+?)"(?:,|$)/', $message, $match)) {
            return null;
        }
        foreach (\PhpToken::tokenize($source) as $token) {
            if ($token->line === $line && $token->text === $match[1]) {
                $start = strrpos(substr($source, 0, $token->pos), "\n");
                return $token->pos - ($start === false ? -1 : $start);
            }
        }
        return null;
    }

    /**
     * The source with its leading blank lines and `<?php` turned into spaces (newlines kept), or
     * null when it does not start with an open tag.
     *
     * @param \PhpToken[] $tokens
     */
    private static function withoutOpenTag(string $source, array $tokens): ?string
    {
        foreach ($tokens as $token) {
            if ($token->id === T_OPEN_TAG) {
                $end = $token->pos + strlen($token->text);
                return preg_replace('/[^\n]/', ' ', substr($source, 0, $end)) . substr($source, $end);
            }
            if ($token->id !== T_INLINE_HTML || trim($token->text) !== '') {
                return null;
            }
        }
        return null;
    }

    /**
     * @param \PhpToken[] $tokens
     * @return \PhpToken[] the tokens after the added open tag, their positions in the snippet
     */
    private static function shift(array $tokens, int $by): array
    {
        $shifted = [];
        foreach (array_slice($tokens, 1) as $token) {
            $shifted[] = new \PhpToken($token->id, $token->text, $token->line - 1, $token->pos - $by);
        }
        return $shifted;
    }

    /**
     * The index of the first token of the last statement that is complete (ends with `;` or
     * `?>`), or null when the last statement is a block or unfinished.
     *
     * @param \PhpToken[] $tokens
     */
    private static function lastStatement(array $tokens): ?int
    {
        $depth = 0;
        $start = null;
        $last = null;
        foreach ($tokens as $i => $token) {
            if ($token->isIgnorable()) {
                continue;
            }
            if ($depth === 0 && $start === null) {
                if ($token->text === ';') {
                    continue;
                }
                $start = $i;
            }
            if (in_array($token->text, self::OPENERS, true) || in_array($token->id, [T_CURLY_OPEN, T_DOLLAR_OPEN_CURLY_BRACES, T_ATTRIBUTE], true)) {
                $depth++;
            } elseif (in_array($token->text, self::CLOSERS, true)) {
                $depth--;
            }
            if ($depth !== 0) {
                continue;
            }
            $block = self::isBlock($tokens, $start);
            if ($token->text === ';' || $token->id === T_CLOSE_TAG) {
                $last = $block ? null : $start;
                $start = null;
            } elseif ($token->text === '}' && $block) {
                $last = null;
                $start = null;
            }
        }
        return $start === null ? $last : null;
    }

    /** @param \PhpToken[] $tokens */
    private static function isBlock(array $tokens, int $start): bool
    {
        $first = $tokens[$start];
        if ($first->text === '{' || in_array($first->id, self::BLOCKS, true)) {
            return true;
        }
        // `function name(…) {…}` declares; `function (…) {…}` is a closure, an expression.
        if ($first->id === T_FUNCTION) {
            $next = self::next($tokens, $start);
            if ($next !== null && $next->text === '&') {
                $next = self::next($tokens, array_search($next, $tokens, true));
            }
            return $next !== null && $next->id === T_STRING;
        }
        return false;
    }

    /** @param \PhpToken[] $tokens */
    private static function givesValue(array $tokens, int $start): bool
    {
        $first = $tokens[$start];
        if (in_array($first->id, self::NO_VALUE, true)) {
            return false;
        }
        $next = self::next($tokens, $start);
        // `static $count = 0;` declares; `static::make()` and `static fn() => 1` are expressions.
        if ($first->id === T_STATIC && $next?->id === T_VARIABLE) {
            return false;
        }
        // `label:` is a goto target.
        return !($first->id === T_STRING && $next?->text === ':');
    }

    /** @param \PhpToken[] $tokens */
    private static function next(array $tokens, int $index): ?\PhpToken
    {
        for ($i = $index + 1; $i < count($tokens); $i++) {
            if (!$tokens[$i]->isIgnorable()) {
                return $tokens[$i];
            }
        }
        return null;
    }
}
