#!/usr/bin/env bash
# make start DB=mycompany: a production database — party_quant without demo data, in
# zh_CN and Asia/Shanghai, the company's name and the administrator's password — then
# served by the prefork server (`WORKERS`, default 2; see `make run`). An existing database is
# served as it is (never re-created, never given demo data).
#
#   make start DB=quanzhou COMPANY='国网泉州供电公司' ADMIN_PASSWORD='...'
#   NO_SERVE=1 make start DB=...     create it and stop (scripts, CI)
#
# COMPANY and ADMIN_PASSWORD are asked for on a terminal when missing; without a
# terminal, a missing COMPANY fails and a missing ADMIN_PASSWORD is generated and
# printed once. The administrator's login is `admin`; the first-run checklist (设置向导)
# is the committee's next step (README.md, "Going live").
source "$(dirname "$0")/common.sh"
require_odoo

DB="${DB:-}"
[ -n "$DB" ] || die "name the database: make start DB=mycompany (make run is the demo)."
[[ "$DB" =~ ^[A-Za-z0-9][A-Za-z0-9_.-]*$ ]] || die "DB=$DB: use letters, digits, '_', '.' or '-'."
case "$DB" in party_quant | party_quant_test | party_quant_template | party_quant_smoke)
    die "DB=$DB is a demo or test database of this project: choose another name." ;;
esac
HTTP_PORT="${HTTP_PORT:-8069}"

if db_exists "$DB"; then
    demo="$(psql -d "$DB" -tAc "SELECT count(*) FROM ir_module_module WHERE demo AND state = 'installed'" 2>/dev/null || echo '?')"
    [ "$demo" = 0 ] || die "database $DB exists and holds demo data ($demo modules): it is not a production database."
    echo "Database $DB exists: serving it as it is."
else
    COMPANY="${COMPANY:-}"
    ADMIN_PASSWORD="${ADMIN_PASSWORD:-}"
    if [ -z "$COMPANY" ]; then
        [ -t 0 ] || die "no COMPANY: make start DB=$DB COMPANY='公司名称' [ADMIN_PASSWORD=...]"
        read -r -p "公司名称 (company name): " COMPANY
        [ -n "$COMPANY" ] || die "no company name given."
    fi
    generated=
    if [ -z "$ADMIN_PASSWORD" ]; then
        if [ -t 0 ]; then
            read -r -s -p "管理员密码 (administrator's password, 8+ characters): " ADMIN_PASSWORD
            echo
        else
            ADMIN_PASSWORD="$("$ODOO_PYTHON" -c 'import secrets; print(secrets.token_urlsafe(15))')"
            generated=1
        fi
    fi
    [ "${#ADMIN_PASSWORD}" -ge 8 ] || die "the administrator's password needs at least 8 characters."

    echo "Creating the production database $DB (party_quant, no demo data, zh_CN)..."
    start=$(date +%s)
    log="$BUILD_DIR/start-$DB.log"
    odoo_bin -d "$DB" -i party_quant --without-demo=all --load-language=zh_CN \
        --stop-after-init --log-level=warn --http-port="$HTTP_PORT" >"$log" 2>&1 ||
        die "installing party_quant into $DB failed (log: $log)."
    # The company, the administrator and the defaults of every user made later, in one
    # transaction (odoo-bin shell: the ORM, so the company's partner and the password
    # hash are Odoo's own).
    PQ_COMPANY="$COMPANY" PQ_ADMIN_PASSWORD="$ADMIN_PASSWORD" odoo_sub shell -d "$DB" \
        --no-http --log-level=warn >>"$log" 2>&1 <<'PY' || die "configuring $DB failed (log: $log)."
import os
company = env.ref("base.main_company")
company.write({"name": os.environ["PQ_COMPANY"]})
company.partner_id.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
env["res.lang"]._activate_lang("zh_CN")
env["ir.default"].set("res.partner", "lang", "zh_CN")
env["ir.default"].set("res.partner", "tz", "Asia/Shanghai")
admin = env.ref("base.user_admin")
admin.write({"password": os.environ["PQ_ADMIN_PASSWORD"], "lang": "zh_CN", "tz": "Asia/Shanghai"})
admin.groups_id |= env.ref("party_quant.group_party_admin")
env.cr.commit()
print("configured", company.name)
PY
    echo "Database $DB created in $(($(date +%s) - start)) s: company '$COMPANY', login admin."
    [ -z "$generated" ] || echo "Administrator's password (shown once, change it after the first login): $ADMIN_PASSWORD"
fi

[ -z "${NO_SERVE:-}" ] || exit 0
# The prefork server (2 HTTP workers unless WORKERS says otherwise): production's mode.
DB="$DB" HTTP_PORT="$HTTP_PORT" WORKERS="${WORKERS:-2}" exec bash "$REPO/tools/run.sh" "$@"
