"""Directory sign-in (auth_ldap) against a real OpenLDAP server: the set-up writes a
slapd configuration and a few people into a temporary folder, starts ``slapd`` on a
free local port and stops it at the end. A directory person who is a party member signs
in the first time and gets a user made from the member template, linked to the member;
everybody else is refused and no user is made (models/res_company_ldap.py)."""

import logging
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import ldap

from odoo import fields
from odoo.exceptions import AccessDenied, ValidationError
from odoo.tests import HttpCase, tagged

SLAPD = shutil.which("slapd") or "/usr/sbin/slapd"
SLAPADD = shutil.which("slapadd") or "/usr/sbin/slapadd"
SUFFIX = "dc=party,dc=test"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PASSWORD = "slapd-admin-pw"
PEOPLE = f"ou=people,{SUFFIX}"
LOG = "odoo.addons.party_quant.models.res_company_ldap"

SLAPD_CONF = """\
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile {folder}/slapd.pid
database mdb
maxsize 10485760
suffix "{suffix}"
rootdn "{root_dn}"
rootpw {root_password}
directory {folder}/data
access to attrs=userPassword by anonymous auth by self read by * none
access to * by * read
"""

# uid: (password, employeeNumber, mobile)
DIRECTORY = {
    "zhangwei": ("pw-zhang-1", "LDAP-1001", "13811110001"),
    "lina": ("pw-li-2", None, "+86 139-1111-0002"),  # matched by mobile
    "wangqiang": ("pw-wang-3", "LDAP-9999", "13711119999"),  # no member
    "zhaolei": ("pw-zhao-4", "LDAP-1003", None),  # member already linked
    "twins": ("pw-twins-5", "LDAP-2000", None),  # two members
    "sunmin": ("pw-sun-6", "LDAP-1006", None),  # a secretary
}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def people_ldif():
    entries = [
        f"dn: {SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Party\ndc: party\n",
        f"dn: {PEOPLE}\nobjectClass: organizationalUnit\nou: people\n",
    ]
    for uid, (password, number, mobile) in DIRECTORY.items():
        lines = [
            f"dn: uid={uid},{PEOPLE}",
            "objectClass: inetOrgPerson",
            f"uid: {uid}",
            f"cn: {uid}",
            f"sn: {uid}",
            f"userPassword: {password}",
        ]
        lines += [f"employeeNumber: {number}"] if number else []
        lines += [f"mobile: {mobile}"] if mobile else []
        entries.append("\n".join(lines) + "\n")
    return "\n".join(entries)


class Slapd:
    """A slapd of its own in ``folder``, serving ``ldap://127.0.0.1:port/``."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.port = free_port()
        self.process = None

    def start(self):
        conf = self.folder / "slapd.conf"
        (self.folder / "data").mkdir()
        conf.write_text(
            SLAPD_CONF.format(
                folder=self.folder,
                suffix=SUFFIX,
                root_dn=ROOT_DN,
                root_password=ROOT_PASSWORD,
            )
        )
        (self.folder / "people.ldif").write_text(people_ldif())
        subprocess.run(
            [SLAPADD, "-q", "-f", str(conf), "-l", str(self.folder / "people.ldif")],
            check=True,
            capture_output=True,
            timeout=60,
        )
        log = (self.folder / "slapd.log").open("wb")
        # -d 0: in the foreground (a child of the tests, stopped by them), quiet.
        self.process = subprocess.Popen(
            [SLAPD, "-d", "0", "-h", f"ldap://127.0.0.1:{self.port}/", "-f", str(conf)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 20
        while True:
            try:
                connection = ldap.initialize(f"ldap://127.0.0.1:{self.port}")
                connection.simple_bind_s(ROOT_DN, ROOT_PASSWORD)
                connection.unbind()
                return
            except ldap.LDAPError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(
                        "slapd did not start: " + (self.folder / "slapd.log").read_text()
                    ) from None
                time.sleep(0.1)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@tagged("post_install", "-at_install")
class TestLdapSignin(HttpCase):
    """An HttpCase: the sign-in opens its own cursors (res.users._login, auth_ldap's),
    which the test mode of the registry keeps in the test's transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        folder = tempfile.mkdtemp(prefix="pq_slapd_")
        cls.addClassCleanup(shutil.rmtree, folder, ignore_errors=True)
        cls.slapd = Slapd(folder)
        cls.addClassCleanup(cls.slapd.stop)
        cls.slapd.start()

        env = cls.env
        Org = env["party.organization"]
        committee = Org.create({"name": "LDAP Committee", "kind": "committee"})
        cls.branch = Org.create(
            {
                "name": "LDAP Branch",
                "kind": "branch",
                "parent_id": committee.id,
                "branch_type_id": env.ref("party_quant.branch_type_management").id,
            }
        )
        Member = env["party.member"]
        values = [
            ("张伟", "LDAP-1001", "13811110001"),
            ("李娜", False, "139 1111 0002"),
            ("赵磊", "LDAP-1003", False),
            ("双胞胎甲", "LDAP-2000", False),
            ("双胞胎乙", "LDAP-2000", False),
            ("孙敏", "LDAP-1006", False),
        ]
        cls.zhang, cls.li, cls.zhao, cls.twin_a, cls.twin_b, cls.sun = Member.create(
            [
                {
                    "name": name,
                    "organization_id": cls.branch.id,
                    "employee_number": number,
                    "mobile": mobile,
                }
                for name, number, mobile in values
            ]
        )
        cls.zhao_user = env["res.users"].create({"name": "赵磊", "login": "zhao.local"})
        cls.zhao.user_id = cls.zhao_user
        cls.ldap_config = env["res.company.ldap"].create(
            {
                "company": env.company.id,
                "ldap_server": "127.0.0.1",
                "ldap_server_port": cls.slapd.port,
                "ldap_binddn": ROOT_DN,
                "ldap_password": ROOT_PASSWORD,
                "ldap_filter": "(uid=%s)",
                "ldap_base": PEOPLE,
            }
        )
        cls.template = env.ref("party_quant.user_member_template")

    def sign_in(self, login, password):
        """res.users.authenticate as the web login calls it; the user's id."""
        credential = {"login": login, "password": password, "type": "password"}
        try:
            auth = self.env["res.users"].authenticate(
                self.env.cr.dbname, credential, {"interactive": True}
            )
        finally:
            # The sign-in wrote through cursors of its own (the same transaction).
            self.env.invalidate_all()
        return auth["uid"]

    def users(self, login):
        return self.env["res.users"].with_context(active_test=False).search([("login", "=", login)])

    def assertRefused(self, login, password, reason):
        with self.assertLogs(LOG, logging.WARNING) as logs, self.assertRaises(AccessDenied):
            self.sign_in(login, password)
        self.assertIn(f"LDAP sign-in of {login} refused, no user made", logs.output[0])
        self.assertIn(reason, logs.output[0])
        self.assertFalse(self.users(login))

    def test_configuration_defaults(self):
        self.assertEqual(self.ldap_config.user, self.template)
        self.assertEqual(
            (self.ldap_config.party_employee_attribute, self.ldap_config.party_mobile_attribute),
            ("employeeNumber", "mobile"),
        )
        template = self.template
        self.assertFalse(template.active)
        self.assertEqual((template.lang, template.tz), ("zh_CN", "Asia/Shanghai"))
        self.assertEqual(template.notification_type, "inbox")
        self.assertTrue(template.has_group("party_quant.group_party_member"))

    def test_checklist_says_the_directory_is_configured(self):
        checklist = self.env["party.setup.checklist"].create({})
        self.assertIn("首次通过目录（127.0.0.1）登录", checklist.logins_note)
        self.ldap_config.unlink()
        self.assertNotIn("目录", self.env["party.setup.checklist"].create({}).logins_note)

    def test_member_signs_in_by_employee_number(self):
        self.assertFalse(self.users("zhangwei"))
        uid = self.sign_in("zhangwei", "pw-zhang-1")
        user = self.env["res.users"].browse(uid)
        self.assertEqual(self.users("zhangwei"), user)
        self.assertTrue(user.active)
        self.assertNotEqual(user, self.template)
        self.assertEqual(user.name, "张伟", "the member's name, not the directory's")
        self.assertEqual((user.lang, user.tz), ("zh_CN", "Asia/Shanghai"))
        self.assertEqual(user.notification_type, "inbox")
        self.assertEqual(user.groups_id, self.template.groups_id)
        self.assertTrue(user.has_group("party_quant.group_party_member"))
        self.assertFalse(user.has_group("party_quant.group_party_branch"))
        self.assertFalse(user.has_group("base.group_system"))
        self.assertEqual(self.zhang.user_id, user)
        self.assertEqual(user.party_member_id, self.zhang)
        # The member reads their own record and points, and claims points.
        Member = self.env["party.member"].with_user(user)
        self.assertEqual(Member.search([("user_id", "=", user.id)]), self.zhang)
        own = self.zhang.with_user(user).read(["name", "points_total", "points_year"])
        self.assertEqual(own[0]["name"], "张伟")
        Line = self.env["party.point.line"].with_user(user)
        line = Line.create(
            {
                "rule_id": self.env.ref("party_quant.point_rule_attendance").id,
                "member_id": self.zhang.id,
                "date": fields.Date.context_today(user),
            }
        )
        self.assertEqual(Line.search([("member_id", "=", self.zhang.id)]), line)
        self.assertEqual(line.with_user(user).read(["points"])[0]["points"], line.points)
        # The second sign-in re-uses the user (no local password: through the directory).
        self.assertFalse(user.sudo().password)
        self.assertEqual(self.sign_in("zhangwei", "pw-zhang-1"), uid)
        self.assertEqual(len(self.users("zhangwei")), 1)
        # A wrong password is refused, the first time and later.
        with self.assertRaises(AccessDenied):
            self.sign_in("zhangwei", "wrong-password")
        self.assertFalse(self.users("lina"))
        with self.assertRaises(AccessDenied):
            self.sign_in("lina", "wrong-password")
        self.assertFalse(self.users("lina"), "no user for a wrong password")

    def test_matched_by_mobile_without_employee_number(self):
        user = self.env["res.users"].browse(self.sign_in("lina", "pw-li-2"))
        self.assertEqual(self.li.user_id, user)
        self.assertEqual(user.name, "李娜")

    def test_person_who_is_no_member_refused(self):
        self.assertRefused(
            "wangqiang",
            "pw-wang-3",
            "no party member has the employee number LDAP-9999 or the mobile 13711119999",
        )

    def test_linked_member_not_linked_twice(self):
        self.assertRefused("zhaolei", "pw-zhao-4", "is already linked to the user zhao.local")
        self.assertEqual(self.zhao.user_id, self.zhao_user)

    def test_two_members_refused(self):
        self.assertRefused("twins", "pw-twins-5", "several party members")
        self.assertFalse((self.twin_a | self.twin_b).user_id)

    def test_secretary_gets_the_officer_rights_from_the_post(self):
        self.sun.party_post = "secretary"
        user = self.env["res.users"].browse(self.sign_in("sunmin", "pw-sun-6"))
        self.assertEqual(self.sun.user_id, user)
        self.assertTrue(user.has_group("party_quant.group_party_branch"), "the officer sync")
        self.assertIn(self.branch, user.party_scope_ids)

    def test_no_privilege_from_the_template(self):
        admin = self.env.ref("base.user_admin")
        with self.assertRaises(ValidationError):
            self.ldap_config.user = admin
        officer = self.template.copy({"login": "officer_template"})
        officer.groups_id = [(4, self.env.ref("party_quant.group_party_branch").id)]
        with self.assertRaises(ValidationError):
            self.ldap_config.user = officer

    def csrf_token(self):
        page = self.url_open("/web/login")
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_web_login_form(self):
        token = self.csrf_token()
        response = self.url_open(
            "/web/login",
            data={"csrf_token": token, "login": "zhangwei", "password": "pw-zhang-1"},
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        self.env.invalidate_all()
        self.assertEqual(info["uid"], self.zhang.user_id.id)
        self.assertEqual(self.zhang.user_id.login, "zhangwei")
        # A person who is no member: the login page again, no user, no session.
        self.url_open("/web/session/logout")
        token = self.csrf_token()
        with self.assertLogs(LOG, logging.WARNING):
            refused = self.url_open(
                "/web/login",
                data={"csrf_token": token, "login": "wangqiang", "password": "pw-wang-3"},
                allow_redirects=False,
            )
        self.assertEqual(refused.status_code, 200)
        self.assertIn("oe_login_form", refused.text)
        self.assertFalse(self.users("wangqiang"))
