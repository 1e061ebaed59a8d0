"""The service registry the API is given (FastAPI dependencies look services up here)."""

from __future__ import annotations

from ..db.engine import Database
from ..settings import Settings
from .badges import BadgeService
from .comparisons import ComparisonService
from .dashboard import DashboardService
from .deletions import DeletionService
from .environments import EnvironmentService
from .for_verification import ForVerificationService
from .groups import GroupService
from .labels import LabelService
from .matrix import MatrixService
from .metrics import MetricsService
from .overview import OverviewService
from .pacticipants import PacticipantService
from .pacts import PactService
from .provider_contracts import ProviderContractService
from .publication import PublicationService
from .verifications import VerificationService
from .webhooks import WebhookService

__all__ = ["Services"]


class Services:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self.pacticipants = PacticipantService(db)
        self.labels = LabelService(db)
        self.pacts = PactService(db)
        self.webhooks = WebhookService(db, settings)
        self.comparisons = ComparisonService(db)
        self.publication = PublicationService(db, settings, self.webhooks, self.comparisons)
        self.verifications = VerificationService(db, self.webhooks)
        self.environments = EnvironmentService(db)
        self.matrix = MatrixService(db)
        self.badges = BadgeService(db, self.matrix, settings.shields_io_base_url)
        self.for_verification = ForVerificationService(db)
        self.provider_contracts = ProviderContractService(db, self.comparisons)
        self.deletions = DeletionService(db)
        self.groups = GroupService(db)
        self.metrics = MetricsService(db)
        self.dashboard = DashboardService(db)
        self.overview = OverviewService(db)  # the web view's reads
