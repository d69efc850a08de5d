#!/usr/bin/env bash
# Writes the Composer fixtures with Debian 12's composer (2.5) and php-cli, offline: the packages come from a local
# "path" repository whose composer.json files carry the names, versions, licenses, authors, descriptions and
# requirements of the real packages; packagist is disabled. Run it from anywhere; it rewrites:
#   app/var/www/app/vendor/composer/installed.json     as composer 2 writes it ({"packages": [...]})
#   composer1/srv/legacy/vendor/composer/installed.json  the composer 1 form: the same package objects as a top-level
#                                                       array, without the "install-path" composer 2 added
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

package() { # dir json
    mkdir -p "$work/packages/$1/src"
    printf '%s\n' "$2" > "$work/packages/$1/composer.json"
    printf '<?php\n' > "$work/packages/$1/src/placeholder.php"
}

package psr-log '{
    "name": "psr/log", "version": "3.0.0", "type": "library",
    "description": "Common interface for logging libraries", "homepage": "https://github.com/php-fig/log",
    "license": "MIT", "authors": [{"name": "PHP-FIG", "homepage": "https://www.php-fig.org/"}],
    "require": {"php": ">=8.0.0"},
    "autoload": {"psr-4": {"Psr\\Log\\": "src"}}
}'
package monolog '{
    "name": "monolog/monolog", "version": "3.5.0", "type": "library",
    "description": "Sends your logs to files, sockets, inboxes, databases and various web services",
    "homepage": "https://github.com/Seldaek/monolog", "license": "MIT",
    "authors": [{"name": "Jordi Boggiano", "email": "j.boggiano@seld.be", "homepage": "https://seld.be"}],
    "require": {"php": ">=8.1", "psr/log": "^2.0 || ^3.0"},
    "provide": {"psr/log-implementation": "3.0.0"},
    "autoload": {"psr-4": {"Monolog\\": "src"}}
}'
package polyfill-mbstring '{
    "name": "symfony/polyfill-mbstring", "version": "v1.28.0", "type": "library",
    "description": "Symfony polyfill for the Mbstring extension", "homepage": "https://symfony.com", "license": "MIT",
    "authors": [{"name": "Nicolas Grekas", "email": "p@tchwork.com"}, {"name": "Symfony Community", "homepage": "https://symfony.com/contributors"}],
    "require": {"php": ">=7.1"},
    "provide": {"ext-mbstring": "*"},
    "autoload": {"psr-4": {"Symfony\\Polyfill\\Mbstring\\": "src"}}
}'
package php-timer '{
    "name": "phpunit/php-timer", "version": "6.0.0", "type": "library",
    "description": "Utility class for timing", "homepage": "https://github.com/sebastianbergmann/php-timer/",
    "license": "BSD-3-Clause", "authors": [{"name": "Sebastian Bergmann", "email": "sebastian@phpunit.de", "role": "lead"}],
    "require": {"php": ">=8.1"},
    "autoload": {"psr-4": {"SebastianBergmann\\Timer\\": "src"}}
}'

mkdir -p "$work/app"
cat > "$work/app/composer.json" <<'JSON'
{
    "name": "acme/shop",
    "repositories": [
        {"type": "path", "url": "../packages/*", "options": {"symlink": false}},
        {"packagist.org": false}
    ],
    "require": {"monolog/monolog": "^3.5", "symfony/polyfill-mbstring": "^1.28"},
    "require-dev": {"phpunit/php-timer": "^6.0"}
}
JSON

(cd "$work/app" && COMPOSER_HOME="$work/home" composer install --no-interaction --no-progress --quiet)

v2="$here/app/var/www/app/vendor/composer/installed.json"
v1="$here/composer1/srv/legacy/vendor/composer/installed.json"
mkdir -p "$(dirname "$v2")" "$(dirname "$v1")"
cp "$work/app/vendor/composer/installed.json" "$v2"
php -r '
    $installed = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
    $packages = array_map(function ($p) { unset($p["install-path"]); return $p; }, $installed["packages"]);
    file_put_contents($argv[2], json_encode($packages, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE) . "\n");
' "$v2" "$v1"
echo "wrote $v2 and $v1"
