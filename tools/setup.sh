#!/usr/bin/env bash
# make setup: Odoo 18.0 (cloned from ODOO_SOURCE into ODOO_PATH when missing), the
# project's virtualenv with Odoo's and party_quant's requirements, PostgreSQL and the
# Debian packages. Re-running it changes nothing and takes seconds; nothing goes into
# the system interpreter (unless ODOO_PYTHON names it).
source "$(dirname "$0")/common.sh"

ODOO_SOURCE="${ODOO_SOURCE:-https://github.com/odoo/odoo.git}"
ODOO_BRANCH="${ODOO_BRANCH:-18.0}"
PYTHON="${PYTHON:-python3}"
export GIT_TERMINAL_PROMPT=0

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        die "need root to run: $*"
    fi
}

APT_UPDATED=
apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get to install them."
    if [ -z "$APT_UPDATED" ]; then
        as_root apt-get update -qq
        APT_UPDATED=1
    fi
    echo "Installing ${missing[*]}..."
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

echo "== Odoo 18.0 at $ODOO_PATH"
if [ ! -f "$ODOO_PATH/odoo-bin" ]; then
    [ ! -e "$ODOO_PATH" ] || [ -z "$(ls -A "$ODOO_PATH")" ] ||
        die "ODOO_PATH=$ODOO_PATH exists but holds no odoo-bin: empty it, or set ODOO_PATH to Odoo 18.0 or to a new directory."
    command -v git >/dev/null || apt_install git
    src="$ODOO_SOURCE"
    # A local path: through file:// so that --depth is honoured.
    [ ! -d "$src" ] || src="file://$(cd "$src" && pwd)"
    # The branch 18.0 when the source has it; otherwise (a copy holding only 18.0) its
    # default branch, checked below to be 18.0.
    branch=(--branch "$ODOO_BRANCH")
    heads="$(timeout 120 git ls-remote --heads "$src" 2>&1)" ||
        die "cannot reach ODOO_SOURCE=$ODOO_SOURCE ($(printf '%s\n' "$heads" | grep -m1 '^fatal' || printf '%s\n' "$heads" | tail -n1)): set ODOO_SOURCE to a reachable git URL or path of Odoo 18.0, or put Odoo 18.0 at ODOO_PATH=$ODOO_PATH."
    grep -q "refs/heads/$ODOO_BRANCH\$" <<<"$heads" || branch=()
    echo "Cloning $ODOO_SOURCE ${branch[*]:-(default branch)} into $ODOO_PATH (shallow)..."
    mkdir -p "$(dirname "$ODOO_PATH")"
    log="$(git clone -q --depth 1 --single-branch "${branch[@]}" "$src" "$ODOO_PATH" 2>&1)" || {
        rm -rf "$ODOO_PATH"
        die "git clone of $ODOO_SOURCE failed ($(printf '%s\n' "$log" | grep -m1 '^fatal' || printf '%s\n' "$log" | tail -n1)): set ODOO_SOURCE to a reachable git URL or path of Odoo 18.0."
    }
fi
[ -f "$ODOO_PATH/odoo/release.py" ] && grep -q "version_info = (18, 0" "$ODOO_PATH/odoo/release.py" ||
    die "ODOO_PATH=$ODOO_PATH is not Odoo 18.0: point ODOO_PATH (or ODOO_SOURCE, with an empty ODOO_PATH) at Odoo 18.0."
git -C "$ODOO_PATH" log -1 --format="%h %cd" --date=short 2>/dev/null || true

echo "== Python: ${ODOO_PYTHON}"
if [ "$ODOO_PYTHON" = "$VENV/bin/python" ] && [ ! -x "$ODOO_PYTHON" ]; then
    command -v "$PYTHON" >/dev/null || die "no $PYTHON to create the virtualenv: install Python 3.10-3.12 (apt-get install python3 python3-venv) or set PYTHON."
    "$PYTHON" -c "import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 12))" ||
        die "$PYTHON is Python $("$PYTHON" -c 'import sys; print(*sys.version_info[:2], sep=".")'); Odoo 18.0 needs 3.10-3.12: set PYTHON to one."
    "$PYTHON" -c "import ensurepip, venv" 2>/dev/null || apt_install python3-venv
    echo "Creating the virtualenv $VENV..."
    "$PYTHON" -m venv "$VENV" || die "$PYTHON -m venv $VENV failed: install python3-venv, or set VENV or ODOO_PYTHON."
    "$ODOO_PYTHON" -m pip install -q --disable-pip-version-check -U pip wheel "setuptools<81" ||
        die "pip cannot reach a package index from $VENV: check the network or pip's configuration (PIP_INDEX_URL)."
fi
[ -x "$(command -v "$ODOO_PYTHON")" ] || die "ODOO_PYTHON=$ODOO_PYTHON is not an interpreter: unset it (make setup then creates $VENV) or fix it."

# Odoo's requirements with two fixes: cbor2>=5.6 (the pinned 5.4 does not build with a
# current setuptools) and setuptools<81 (Odoo's gevent imports pkg_resources, which
# setuptools 81 dropped: without it the gevent worker of the production mode, which
# serves the inbox's websocket, dies at start); then party_quant's own. python-ldap
# (auth_ldap, the directory sign-in) builds against the LDAP and SASL headers, installed
# first. OCA's report_xlsx (Excel reports) comes
# with --no-deps: its wheel requires the distribution odoo==18.0.*, which a source
# checkout is not, and its own dependency (xlsxwriter) is one of Odoo's.
REPORT_XLSX="odoo-addon-report_xlsx>=18.0.1.1,<18.1"
mkdir -p "$BUILD_DIR"
odoo_reqs="$BUILD_DIR/odoo-requirements.txt"
{
    grep -v -E '^[[:space:]]*cbor2[[:space:]=<>;]' "$ODOO_PATH/requirements.txt"
    echo "cbor2>=5.6"
    echo "setuptools<81"
} >"$odoo_reqs"
prefix="$("$ODOO_PYTHON" -c "import sys; print(sys.prefix if sys.prefix != sys.base_prefix else '')")"
stamp_file="${prefix:-$BUILD_DIR}/party_quant-requirements.sha1"
stamp="$(cat "$odoo_reqs" "$REPO/requirements.txt" "$REPO/requirements-dev.txt" <(echo "$REPORT_XLSX $ODOO_PYTHON") | sha1sum | cut -c1-40)"
if [ "$(cat "$stamp_file" 2>/dev/null)" = "$stamp" ]; then
    echo "requirements unchanged since the last make setup"
else
    echo "Installing Odoo's and party_quant's requirements..."
    apt_install gcc libldap2-dev libsasl2-dev
    # python-ldap is built from source: it needs the interpreter's headers too.
    "$ODOO_PYTHON" -c "import os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()['include'], 'Python.h')))" ||
        apt_install python3-dev
    "$ODOO_PYTHON" -m pip install -q --disable-pip-version-check \
        -r "$odoo_reqs" -r "$REPO/requirements.txt" -r "$REPO/requirements-dev.txt" ||
        die "pip install of the requirements failed (see above): fix the network or the missing build headers it names, then run make setup again."
    "$ODOO_PYTHON" -m pip install -q --disable-pip-version-check --no-deps "$REPORT_XLSX" ||
        die "pip install of $REPORT_XLSX failed (see above): check the network, then run make setup again."
    echo "$stamp" >"$stamp_file"
fi
require_odoo
"$ODOO_PYTHON" --version

echo "== PostgreSQL"
if ! pg_isready -q 2>/dev/null; then
    if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
        apt_install postgresql postgresql-client
    fi
    version="$(ls /etc/postgresql | sort -V | tail -n1)"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
    pg_isready -q || die "PostgreSQL $version does not answer after starting it."
fi
me="$(id -un)"
if ! psql -d postgres -tAc "SELECT 1" >/dev/null 2>&1 ||
    [ "$(psql -d postgres -tAc "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")" != "t" ]; then
    echo "Giving the PostgreSQL role $me the right to create databases..."
    as_root runuser -u postgres -- psql -qc "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$me') THEN CREATE ROLE \"$me\" LOGIN CREATEDB;
        ELSE ALTER ROLE \"$me\" CREATEDB; END IF; END \$\$;"
fi
[ "$me" != postgres ] || die "Odoo refuses to run as the postgres user: run make as another user."
psql -d postgres -tAc "SELECT version()" | cut -d, -f1

echo "== Debian packages for reports, browser tests and the directory tests"
apt_install wkhtmltopdf fonts-noto-cjk chromium poppler-utils ldap-utils
# slapd for the directory sign-in's tests (tests/test_ldap.py), which start their own on
# a free port: the Debian package's service, started by its installation on a machine
# with an init system, is stopped and disabled (only when this run installed it).
if ! dpkg -s slapd >/dev/null 2>&1; then
    apt_install slapd
    if [ -d /run/systemd/system ]; then
        as_root systemctl disable --now slapd >/dev/null 2>&1 || true
    else
        as_root service slapd stop >/dev/null 2>&1 || true
        as_root update-rc.d slapd disable >/dev/null 2>&1 || true
    fi
fi
echo "wkhtmltopdf: $(wkhtmltopdf --version 2>/dev/null | head -1)"
echo "chromium: $(chromium --version 2>/dev/null | head -1)"
echo "Setup done."
