#!/usr/bin/env bash
# make setup: everything party_quant needs around an existing Odoo 18.0.
source "$(dirname "$0")/common.sh"
require_odoo

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

echo "== Python requirements for $ODOO_PYTHON"
"$ODOO_PYTHON" -m pip install -q --disable-pip-version-check \
    -r "$REPO/requirements.txt" -r "$REPO/requirements-dev.txt"
# OCA's report_xlsx (Excel reports). Its wheel requires the distribution odoo==18.0.*,
# which a source checkout at ODOO_PATH is not, so its dependencies are taken as they
# are: Odoo's own (xlsxwriter) are installed with Odoo.
"$ODOO_PYTHON" -m pip install -q --disable-pip-version-check --no-deps \
    "odoo-addon-report_xlsx>=18.0.1.1,<18.1"

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

echo "== Debian packages for reports and browser tests"
apt_install wkhtmltopdf fonts-noto-cjk chromium poppler-utils
echo "wkhtmltopdf: $(wkhtmltopdf --version 2>/dev/null | head -1)"
echo "chromium: $(chromium --version 2>/dev/null | head -1)"
echo "Setup done."
