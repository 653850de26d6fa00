# shellcheck shell=bash
# The OpenAPI validators that tests/openapi_validators.rs runs on every
# exported document: openapi-spec-validator (PyPI) and @redocly/cli (npm).
#
# Sourced by scripts/test (with `set -euo pipefail` and `$root` set). Both are
# installed under target/tools/openapi, pinned, and only when missing or at
# another version, so a second run costs nothing. The test finds them through
# ARCHDESK_OPENAPI_SPEC_VALIDATOR and ARCHDESK_REDOCLY; with
# ARCHDESK_REQUIRE_ENGINES=1 it fails when either cannot run.

openapi_spec_validator_version=0.9.0
redocly_cli_version=2.77.0

# Node.js (20.19+ or 22.12+, which this Redocly needs) with npm, and Python 3
# with venv: on the project's machines they are there already; a bare Debian
# gets them from its packages.
command -v npm >/dev/null 2>&1 || apt_packages+=(nodejs npm)
if ! command -v python3 >/dev/null 2>&1; then
    apt_packages+=(python3 python3-venv)
elif ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    apt_packages+=(python3-venv)
fi

# Redocly must not phone home while linting: no usage telemetry, no update check.
export REDOCLY_TELEMETRY=off
export REDOCLY_SUPPRESS_UPDATE_NOTICE=true

setup_openapi() {
    local dir="$root/target/tools/openapi"
    local venv="$dir/venv"
    local have

    have=$("$venv/bin/python" -c 'from importlib.metadata import version; print(version("openapi-spec-validator"))' 2>/dev/null || true)
    if [ "$have" != "$openapi_spec_validator_version" ]; then
        echo "installing openapi-spec-validator $openapi_spec_validator_version into $venv"
        rm -rf "$venv"
        python3 -m venv "$venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
            "openapi-spec-validator==$openapi_spec_validator_version"
    fi
    export ARCHDESK_OPENAPI_SPEC_VALIDATOR="$venv/bin/openapi-spec-validator"

    # Debian 12's Node 18 is too old for this Redocly: say so, rather than
    # fail later without a word.
    local node
    node=$(node -p 'process.versions.node' 2>/dev/null || echo none)
    if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number);
            process.exit(a > 22 || (a === 22 && b >= 12) || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null; then
        echo "scripts/test: Node.js $node cannot run @redocly/cli $redocly_cli_version, which needs Node.js 20.19+ or 22.12+;" \
            "install a newer Node.js (Debian 13 has 20.19; on Debian 12, NodeSource's or nvm's packages) and run scripts/test again" >&2
        return 1
    fi

    have=$(node -p "require('$dir/node_modules/@redocly/cli/package.json').version" 2>/dev/null || true)
    if [ "$have" != "$redocly_cli_version" ]; then
        echo "installing @redocly/cli $redocly_cli_version into $dir"
        mkdir -p "$dir"
        npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
            "@redocly/cli@$redocly_cli_version"
    fi
    export ARCHDESK_REDOCLY="$dir/node_modules/.bin/redocly"

    # Both must run here, or the suite stops now with the reason. (Redocly's
    # stderr is dropped: on Node 20 it says later releases need Node 22.)
    "$ARCHDESK_OPENAPI_SPEC_VALIDATOR" --help >/dev/null
    have=$("$ARCHDESK_REDOCLY" --version 2>/dev/null) || {
        echo "scripts/test: $ARCHDESK_REDOCLY does not run here (Node.js $node); reinstall it with rm -rf $dir and run scripts/test again" >&2
        return 1
    }
    echo "openapi-spec-validator $openapi_spec_validator_version: $ARCHDESK_OPENAPI_SPEC_VALIDATOR"
    echo "redocly $have: $ARCHDESK_REDOCLY"
}
