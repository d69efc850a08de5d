#!/usr/bin/env bash
# Builds the Azure DevOps extension: compiles the wrapper, stages the extension in dist/ (the manifest, its overview
# and images, and the task folder with task.json, icon, compiled JavaScript and the production npm packages: tfx
# checks that the task's entry file is there), and packs out/<publisher>.<id>-<version>.vsix with tfx-cli.
# Needs `npm ci` in task/ first. Extra arguments go to `tfx extension create`, for a release e.g.
#   bash task/package.sh --publisher NAME --override '{"public": true}'
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"

npx tsc -p .
rm -rf dist out
mkdir -p dist/RampartScanV1 out
cp vss-extension.json overview.md dist/
cp -r images dist/
cp RampartScanV1/task.json RampartScanV1/icon.png build/src/*.js package.json package-lock.json dist/RampartScanV1/
(cd dist/RampartScanV1 && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error)
rm dist/RampartScanV1/package-lock.json
npx tfx extension create --root dist --manifest-globs vss-extension.json --output-path out/ --no-prompt --no-color "$@"
