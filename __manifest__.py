{
    "name": "Party Building Quantified Management",
    "summary": "Graded party organizations, monthly branch evaluations, "
    "secretary pay linkage and party-member points (党建量化管理)",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "website": "https://example.com/party_quant",
    "author": "party_quant developers",
    "license": "LGPL-3",
    "depends": ["base", "mail", "web"],
    "data": [
        "security/party_quant_security.xml",
        "security/ir.model.access.csv",
        "security/party_quant_rules.xml",
        "data/party_branch_type_data.xml",
        "views/party_branch_type_views.xml",
        "views/party_organization_views.xml",
        "wizards/party_member_transfer_views.xml",
        "views/party_member_views.xml",
        "views/res_users_views.xml",
        "views/party_quant_menus.xml",
    ],
    "demo": [
        "demo/party_organization_demo.xml",
        "demo/party_member_demo.xml",
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "party_quant/static/src/js/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
