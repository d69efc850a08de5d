#!/bin/bash
# Entrypoint of the GitHub Action's container (action.yml: runs.entrypoint). The action passes every input as one
# argument "--name=VALUE" after the command "scan"; this turns them into the rampart command line:
#   - an input left empty ("--name=") is dropped, so the CLI's defaults and the policy file apply;
#   - --image lines become image arguments, --build-arg lines one --build-arg each (blank lines and CRs ignored);
#   - a non-empty --results switches to "rampart publish --results FILE" and drops the scan inputs;
#   - every other option is passed as two arguments, "--name" "VALUE", so values may hold '=' or ':'.
# The token and the comment/annotations/summary switches are not arguments: rampart reads them from the INPUT_*
# variables the runner sets. That is why this runs in bash, not sh: the token's variable is INPUT_GITHUB-TOKEN, a name
# with a hyphen, which dash (Debian's sh) leaves out of the environment of what it runs, and bash passes on.
# ACTION_RAMPART_BIN names the executable (default /app/rampart); it is not RAMPART_*, which rampart reads as settings.
set -eu

rampart=${ACTION_RAMPART_BIN:-/app/rampart}
command=${1:?usage: action-entrypoint.sh scan --name=VALUE...}
shift
results=""
newline='
'

for arg do
    shift
    name=${arg%%=*}
    value=${arg#*=}
    case $arg in
        --*=) continue ;;
        --results=*) results=$value; continue ;;
        --image=* | --build-arg=*)
            old_ifs=$IFS
            IFS=$newline
            set -f
            for line in $value; do
                line=$(printf '%s' "$line" | tr -d '\r' | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
                [ -z "$line" ] && continue
                if [ "$name" = --image ]; then
                    set -- "$@" "$line"
                else
                    set -- "$@" --build-arg "$line"
                fi
            done
            set +f
            IFS=$old_ifs
            ;;
        --*=*) set -- "$@" "$name" "$value" ;;
        *) set -- "$@" "$arg" ;;
    esac
done

if [ -n "$results" ]; then
    exec "$rampart" publish --results "$results"
fi
exec "$rampart" "$command" "$@"
