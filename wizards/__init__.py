from . import party_member_transfer
from . import party_evaluation_return
from . import party_period_reopen
from . import party_point_reject
from . import party_handbook_print
from . import party_point_deduction
from . import party_point_appeal_decide
