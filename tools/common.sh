# Shared by the project's scripts: finds Odoo and exposes this checkout to it as
# the addon `party_quant`. Source it; it does not run anything by itself.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_PATH="${ODOO_PATH:-/opt/odoo}"
# The project's virtualenv, one per machine (make setup creates it; see README.md,
# "Set up"): shared by every checkout, so that a fresh clone (CI) re-uses it.
VENV="${VENV:-${XDG_DATA_HOME:-$HOME/.local/share}/party_quant/venv}"
ODOO_PYTHON="${ODOO_PYTHON:-$VENV/bin/python}"
BUILD_DIR="$REPO/.build"
# Outside the checkout: a link inside it would make a loop for tools that walk it.
ADDONS_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/party_quant/$(printf %s "$REPO" | sha1sum | cut -c1-10)/addons"
DATA_DIR="${ODOO_DATA_DIR:-$HOME/.local/share/Odoo}"

die() {
    echo "error: $*" >&2
    exit 1
}

require_odoo() {
    [ -f "$ODOO_PATH/odoo-bin" ] && [ -f "$ODOO_PATH/odoo/release.py" ] ||
        die "Odoo 18.0 not found at ODOO_PATH=$ODOO_PATH (no odoo-bin there): run make setup (it clones ODOO_SOURCE there) or set ODOO_PATH."
    grep -q "version_info = (18, 0" "$ODOO_PATH/odoo/release.py" ||
        die "ODOO_PATH=$ODOO_PATH is not Odoo 18.0 ($(grep -m1 'version_info =' "$ODOO_PATH/odoo/release.py"))."
    command -v "$ODOO_PYTHON" >/dev/null || die "no Python at ODOO_PYTHON=$ODOO_PYTHON: run make setup (it creates the virtualenv $VENV) or set ODOO_PYTHON."
    (cd "$ODOO_PATH" && "$ODOO_PYTHON" -c "import odoo.http, odoo.tests" 2>/dev/null) ||
        die "$ODOO_PYTHON cannot import Odoo from $ODOO_PATH: run make setup (it installs Odoo's requirements into $ODOO_PYTHON)."
    mkdir -p "$ADDONS_DIR" "$BUILD_DIR"
    ln -sfn "$REPO" "$ADDONS_DIR/party_quant"
}

# Odoo's addons, OCA's report_xlsx (make setup installs it from PyPI) and this
# checkout's; dies when report_xlsx is missing.
addons_path() {
    local report_xlsx
    report_xlsx="$("$ODOO_PYTHON" -c "from importlib.metadata import distribution as d; print(d('odoo-addon-report_xlsx').locate_file('odoo/addons'))" 2>/dev/null)" ||
        die "OCA's report_xlsx is not installed for $ODOO_PYTHON: run make setup."
    echo "$ODOO_PATH/addons,$report_xlsx,$ADDONS_DIR"
}

odoo_bin() {
    local path
    path="$(addons_path)" || exit 1
    "$ODOO_PYTHON" "$ODOO_PATH/odoo-bin" \
        --addons-path="$path" \
        --data-dir="$DATA_DIR" \
        "$@"
}

db_exists() {
    [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = "1" ]
}

# The modules party_quant depends on, read from its manifest.
manifest_depends() {
    "$ODOO_PYTHON" -c "import ast; print(','.join(ast.literal_eval(open('$REPO/__manifest__.py').read())['depends']))"
}

# A database with the dependencies and zh_CN installed, copied by `createdb -T`
# (about 1 s instead of 30 s). Rebuilt when Odoo or the dependencies change. With a
# second argument `without_demo`, no module has demo data (a production database's
# start: the go-live pass of make test); party_quant installed on it gets none either.
ensure_template_db() {
    local template="$1" demo_flag=() depends stamp
    depends="$(manifest_depends)"
    stamp="party_quant template $(sha1sum <"$ODOO_PATH/odoo/release.py" | cut -c1-12) $depends zh_CN"
    if [ "${2:-}" = without_demo ]; then
        demo_flag=(--without-demo=all)
        stamp="$stamp without demo"
    fi
    if db_exists "$template" && [ -d "$DATA_DIR/filestore/$template" ] &&
        [ "$(psql -d postgres -tAc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$template'")" = "$stamp" ]; then
        return 0
    fi
    echo "Preparing template database $template ($depends, zh_CN)..."
    dropdb --if-exists "$template"
    rm -rf "${DATA_DIR:?}/filestore/$template"
    odoo_bin -d "$template" -i "$depends" "${demo_flag[@]}" --load-language=zh_CN \
        --stop-after-init --log-level=warn --http-port="${TEST_HTTP_PORT:-8169}"
    psql -d postgres -qc "COMMENT ON DATABASE \"$template\" IS '$stamp'"
    mkdir -p "$DATA_DIR/filestore/$template"
}

# Copy the template into a fresh database, filestore included.
clone_db() {
    local template="$1" target="$2"
    dropdb --if-exists --force "$target"
    rm -rf "${DATA_DIR:?}/filestore/$target"
    createdb -T "$template" "$target"
    cp -a "$DATA_DIR/filestore/$template" "$DATA_DIR/filestore/$target"
}

# An odoo-bin subcommand (shell, db...) with this project's addons and data: the
# subcommand comes first, then the paths, then its own arguments.
odoo_sub() {
    local sub="$1" path
    shift
    path="$(addons_path)" || exit 1
    "$ODOO_PYTHON" "$ODOO_PATH/odoo-bin" "$sub" --addons-path="$path" --data-dir="$DATA_DIR" "$@"
}
