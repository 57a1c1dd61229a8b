from . import party_report
from . import party_report_xlsx
from . import party_report_inspection
from . import party_report_study
from . import party_report_dues
from . import party_report_transfer
from . import party_report_development
