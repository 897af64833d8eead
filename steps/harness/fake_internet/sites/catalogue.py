"""The expected data behind every fixture site: one source of truth.

Fixture pages are generated from these records (``python -m
steps.harness.fake_internet.sites.build``), and steps assert against the same
records (``SITES[host].postings``), so an expected title or salary is never
written down twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PostingInfo:
    """One job posting as a correct scraper should store it."""

    url: str
    title: str
    company: str
    location: str
    city: str | None = None
    region: str | None = None
    country: str | None = None
    remote: bool = False
    employment_type: str = "FULL_TIME"  # schema.org value: FULL_TIME, PART_TIME, CONTRACTOR, INTERN
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = None
    salary_interval: str | None = None  # YEAR, MONTH, DAY, HOUR
    date_posted: str = "2026-11-02"
    summary: str = ""
    responsibilities: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    job_id: str = ""
    # The pay is written only in the description (pay-transparency prose), not in the
    # platform's own salary fields.
    salary_in_text: bool = False


@dataclass(frozen=True)
class SiteInfo:
    """A fake host: what it is for, where to start, and what it should yield."""

    host: str
    kind: str
    description: str
    start_url: str
    company: str = ""
    postings: tuple[PostingInfo, ...] = field(default_factory=tuple)

    @property
    def posting_urls(self) -> list[str]:
        return [p.url for p in self.postings]

    @property
    def titles(self) -> list[str]:
        return [p.title for p in self.postings]

    def posting(self, title: str) -> PostingInfo:
        """The posting with ``title`` (exact)."""
        return next(p for p in self.postings if p.title == title)


# -- careers.acme-robotics.com: schema.org JobPosting JSON-LD -------------------------

ACME = "ACME Robotics GmbH"
ACME_HOST = "careers.acme-robotics.com"
ACME_JOBS = (
    PostingInfo(
        url=f"https://{ACME_HOST}/jobs/1042-senior-robotics-software-engineer",
        job_id="1042",
        title="Senior Robotics Software Engineer",
        company=ACME,
        location="Munich, Bavaria, Germany",
        city="Munich",
        region="Bavaria",
        country="DE",
        salary_min=85000,
        salary_max=105000,
        salary_currency="EUR",
        salary_interval="YEAR",
        date_posted="2026-11-02",
        summary=(
            "Our autonomous mobile robots move 40,000 totes a day through some of Europe's "
            "busiest fulfilment centres. As a Senior Robotics Software Engineer you will own "
            "the motion-planning stack that decides, forty times a second, where each robot "
            "goes next, and you will ship it to a fleet of more than 1,200 robots."
        ),
        responsibilities=(
            "Design and implement path-planning and fleet-coordination algorithms in C++17 "
            "and Python",
            "Profile and harden real-time code running on embedded Linux (ROS 2, Zenoh)",
            "Build simulation scenarios that reproduce incidents reported from customer sites",
            "Review designs and code, and mentor two to three engineers on the planning team",
            "Join on-site commissioning in Germany or the Netherlands two or three times a year",
        ),
        requirements=(
            "Five or more years of professional C++ or Rust development",
            "Hands-on experience with ROS or ROS 2 and motion planning (A*, RRT, MPC)",
            "Comfort with Python for tooling, data analysis and test automation",
            "A degree in computer science, robotics, or equivalent practical experience",
            "Good written English; German is a plus but not required",
        ),
        skills=("C++", "Python", "ROS 2", "Motion planning", "Linux"),
    ),
    PostingInfo(
        url=f"https://{ACME_HOST}/jobs/1043-machine-learning-engineer-perception",
        job_id="1043",
        title="Machine Learning Engineer, Perception",
        company=ACME,
        location="Boston, MA, United States",
        city="Boston",
        region="MA",
        country="US",
        salary_min=150000,
        salary_max=185000,
        salary_currency="USD",
        salary_interval="YEAR",
        date_posted="2026-10-28",
        summary=(
            "Join the perception team in our Boston office and teach our robots to recognise "
            "totes, pallets, people and forklifts in cluttered, badly lit warehouses. You will "
            "train, evaluate and deploy models that run on the robot's on-board GPU."
        ),
        responsibilities=(
            "Train and evaluate detection and segmentation models on 3D and 2D sensor data",
            "Own the labelling pipeline and its quality metrics together with our data team",
            "Optimise models for NVIDIA Jetson with TensorRT and measure latency on robots",
            "Write clear experiment reports and present results to product and safety teams",
        ),
        requirements=(
            "Three or more years training computer-vision models with PyTorch",
            "Experience with point clouds, multi-sensor calibration or sensor fusion",
            "Solid software engineering in Python; some C++ is welcome",
            "Authorisation to work in the United States",
        ),
        skills=("Python", "PyTorch", "Computer vision", "TensorRT"),
    ),
    PostingInfo(
        url=f"https://{ACME_HOST}/jobs/1044-devops-engineer-remote",
        job_id="1044",
        title="DevOps Engineer (Remote, EU)",
        company=ACME,
        location="Remote, Germany",
        country="DE",
        remote=True,
        salary_min=70000,
        salary_max=90000,
        salary_currency="EUR",
        salary_interval="YEAR",
        date_posted="2026-11-05",
        summary=(
            "Our cloud platform collects telemetry from every robot we run and deploys new "
            "software to customer sites without downtime. This is a fully remote role for "
            "someone living in the European Union who wants to run that platform."
        ),
        responsibilities=(
            "Operate our Kubernetes clusters on AWS (eu-central-1) and on customer premises",
            "Maintain Terraform modules and GitLab CI pipelines used by twelve teams",
            "Improve observability with Prometheus, Loki and Grafana dashboards",
            "Take part in a fair, paid on-call rotation (one week in six)",
        ),
        requirements=(
            "Three or more years operating production Kubernetes",
            "Infrastructure as code with Terraform or Pulumi",
            "Scripting in Python or Go",
            "Residence in an EU country and the right to work there",
        ),
        skills=("Kubernetes", "Terraform", "AWS", "Python", "Go"),
    ),
    PostingInfo(
        url=f"https://{ACME_HOST}/jobs/1045-embedded-systems-intern",
        job_id="1045",
        title="Embedded Systems Intern",
        company=ACME,
        location="Munich, Bavaria, Germany",
        city="Munich",
        region="Bavaria",
        country="DE",
        employment_type="INTERN",
        salary_min=1800,
        salary_max=1800,
        salary_currency="EUR",
        salary_interval="MONTH",
        date_posted="2026-11-09",
        summary=(
            "A six-month internship in our hardware lab in Munich-Freimann. You will work on "
            "the firmware of our battery management and motor-control boards, next to the "
            "engineers who designed them."
        ),
        responsibilities=(
            "Write and test firmware for STM32 microcontrollers in C",
            "Automate hardware-in-the-loop tests with Python and pytest",
            "Document test results and help debug boards with oscilloscope and logic analyser",
        ),
        requirements=(
            "Enrolled in a Bachelor's or Master's programme in electrical engineering, "
            "computer engineering or similar",
            "First experience with C and microcontrollers",
            "Available full-time for six months from March 2027",
        ),
        skills=("C", "STM32", "Python", "pytest"),
    ),
)

# -- jobs.northwind-data.io: plain HTML job cards, no structured data ----------------------

NORTHWIND = "Northwind Data Ltd"
NORTHWIND_HOST = "jobs.northwind-data.io"
NORTHWIND_JOBS = (
    PostingInfo(
        url=f"https://{NORTHWIND_HOST}/jobs/senior-python-engineer",
        job_id="nw-117",
        title="Senior Python Engineer",
        company=NORTHWIND,
        location="London, United Kingdom",
        city="London",
        country="GB",
        salary_min=75000,
        salary_max=90000,
        salary_currency="GBP",
        salary_interval="YEAR",
        date_posted="2026-11-04",
        summary=(
            "Northwind builds the data pipelines behind pricing decisions for 60 UK retailers. "
            "We are looking for a Senior Python Engineer to lead the rewrite of our ingestion "
            "service, which processes 3 billion rows of point-of-sale data every night. "
            "Hybrid: two days a week in our Shoreditch office."
        ),
        responsibilities=(
            "Lead the design of a new ingestion service in Python 3.12 with asyncio and Polars",
            "Own reliability: SLOs, alerting and post-incident reviews",
            "Pair with data scientists to move models from notebooks into production",
            "Interview and mentor engineers as the team grows from five to eight",
        ),
        requirements=(
            "Six or more years writing production Python",
            "Deep knowledge of PostgreSQL and at least one columnar store (BigQuery, Snowflake)",
            "Experience running services on GCP or AWS",
            "A habit of writing tests first and documentation second, but always both",
        ),
        skills=("Python", "asyncio", "PostgreSQL", "Polars", "GCP"),
    ),
    PostingInfo(
        url=f"https://{NORTHWIND_HOST}/jobs/data-platform-engineer",
        job_id="nw-121",
        title="Data Platform Engineer",
        company=NORTHWIND,
        location="Manchester, United Kingdom",
        city="Manchester",
        country="GB",
        salary_min=60000,
        salary_max=72000,
        salary_currency="GBP",
        salary_interval="YEAR",
        date_posted="2026-10-30",
        summary=(
            "Help us run the platform every Northwind analyst relies on: Airflow, dbt, "
            "BigQuery and a growing set of internal tools. Based in our Manchester office "
            "in Ancoats, with flexible hours."
        ),
        responsibilities=(
            "Operate and upgrade Airflow and the dbt project (900 models and counting)",
            "Build self-service tooling so analysts can ship pipelines safely",
            "Keep cloud costs visible and under control",
        ),
        requirements=(
            "Three or more years in data engineering or platform engineering",
            "Strong SQL and good Python",
            "Experience with Airflow, Dagster or Prefect",
        ),
        skills=("Python", "SQL", "Airflow", "dbt", "BigQuery"),
    ),
    PostingInfo(
        url=f"https://{NORTHWIND_HOST}/jobs/analytics-engineer-contract",
        job_id="nw-124",
        title="Analytics Engineer (6-month contract)",
        company=NORTHWIND,
        location="Remote, United Kingdom",
        country="GB",
        remote=True,
        employment_type="CONTRACTOR",
        salary_min=450,
        salary_max=550,
        salary_currency="GBP",
        salary_interval="DAY",
        date_posted="2026-11-07",
        summary=(
            "A six-month, outside-IR35 contract to rebuild the reporting layer for one of "
            "our largest grocery clients. Fully remote within the UK."
        ),
        responsibilities=(
            "Model sales, stock and promotion data in dbt",
            "Replace 40 legacy Looker explores with a documented semantic layer",
            "Hand over to the permanent team with runbooks and training sessions",
        ),
        requirements=(
            "Proven dbt and Looker experience on projects of similar size",
            "Experience in retail or consumer goods data",
            "Available to start in December 2026",
        ),
        skills=("dbt", "Looker", "SQL"),
    ),
)

# -- careers.globex-ai.com: job list rendered by JavaScript -----------------------------

GLOBEX = "Globex AI B.V."
GLOBEX_HOST = "careers.globex-ai.com"
GLOBEX_JOBS = (
    PostingInfo(
        url=f"https://{GLOBEX_HOST}/positions/301-applied-scientist-llm-evaluation",
        job_id="301",
        title="Applied Scientist, LLM Evaluation",
        company=GLOBEX,
        location="Amsterdam, North Holland, Netherlands",
        city="Amsterdam",
        region="North Holland",
        country="NL",
        salary_min=95000,
        salary_max=120000,
        salary_currency="EUR",
        salary_interval="YEAR",
        date_posted="2026-11-03",
        summary=(
            "Globex AI builds assistants for insurance claims handlers. You will design the "
            "evaluation suites that decide whether a new model is good enough to reach "
            "40,000 claims handlers across Europe."
        ),
        responsibilities=(
            "Design offline evaluations and human-review protocols for language models",
            "Build datasets from anonymised claims with our privacy team",
            "Report model quality to product leadership in plain language",
        ),
        requirements=(
            "A PhD or equivalent research experience in NLP or machine learning",
            "Strong Python and experience with PyTorch or JAX",
            "Publications or shipped products in LLM evaluation are a plus",
        ),
        skills=("Python", "PyTorch", "LLM evaluation", "Statistics"),
    ),
    PostingInfo(
        url=f"https://{GLOBEX_HOST}/positions/302-frontend-engineer-typescript",
        job_id="302",
        title="Frontend Engineer (TypeScript)",
        company=GLOBEX,
        location="Remote, Netherlands",
        country="NL",
        remote=True,
        salary_min=65000,
        salary_max=80000,
        salary_currency="EUR",
        salary_interval="YEAR",
        date_posted="2026-11-06",
        summary=(
            "Build the claims-handler workspace in React and TypeScript. Remote within the "
            "Netherlands, with a team day in Amsterdam once a month."
        ),
        responsibilities=(
            "Ship features end to end in React, TypeScript and our design system",
            "Keep the workspace fast and accessible (WCAG 2.2 AA)",
            "Work closely with designers and claims handlers in weekly user sessions",
        ),
        requirements=(
            "Four or more years of frontend development with TypeScript",
            "Experience testing UIs with Playwright or Cypress",
            "Living in the Netherlands",
        ),
        skills=("TypeScript", "React", "Playwright", "Accessibility"),
    ),
    PostingInfo(
        url=f"https://{GLOBEX_HOST}/positions/303-site-reliability-engineer",
        job_id="303",
        title="Site Reliability Engineer",
        company=GLOBEX,
        location="San Francisco, CA, United States",
        city="San Francisco",
        region="CA",
        country="US",
        salary_min=170000,
        salary_max=210000,
        salary_currency="USD",
        salary_interval="YEAR",
        date_posted="2026-10-25",
        summary=(
            "Keep our GPU inference fleet fast and available for customers in the US. You will "
            "join a team of four SREs split between San Francisco and Amsterdam."
        ),
        responsibilities=(
            "Run GPU inference clusters on Kubernetes with vLLM",
            "Define and defend SLOs for latency and availability",
            "Automate capacity planning and incident response",
        ),
        requirements=(
            "Five or more years in SRE or production engineering",
            "Experience with Kubernetes, Prometheus and a public cloud",
            "Authorisation to work in the United States",
        ),
        skills=("Kubernetes", "vLLM", "Prometheus", "Go", "Python"),
    ),
)

# -- www.linkedin.com: guest job search + job view -------------------------------------

LINKEDIN_HOST = "www.linkedin.com"
LINKEDIN_JOBS = (
    PostingInfo(
        url="https://www.linkedin.com/jobs/view/4051234567",
        job_id="4051234567",
        title="Python Developer",
        company="Spreeview Analytics",
        location="Berlin, Berlin, Germany",
        city="Berlin",
        region="Berlin",
        country="Germany",
        salary_min=60000,
        salary_max=75000,
        salary_currency="EUR",
        salary_interval="YEAR",
        date_posted="2026-11-08",
        summary=(
            "Spreeview Analytics helps Berlin's public transport operators plan timetables "
            "with data. We are hiring a Python Developer for our planning-tools team."
        ),
        responsibilities=(
            "Build and maintain Django and FastAPI services for timetable planning",
            "Write data pipelines that process GTFS feeds",
        ),
        requirements=(
            "Three or more years of Python",
            "Experience with PostgreSQL and REST APIs",
        ),
        skills=("Python", "Django", "FastAPI"),
    ),
    PostingInfo(
        url="https://www.linkedin.com/jobs/view/4051234568",
        job_id="4051234568",
        title="Senior Python Developer (Django)",
        company="Kiezlabs GmbH",
        location="Berlin, Berlin, Germany",
        city="Berlin",
        region="Berlin",
        country="Germany",
        date_posted="2026-11-06",
        summary=(
            "Kiezlabs builds booking software for 2,000 neighbourhood sports clubs. Join us "
            "as a Senior Python Developer and shape our Django monolith's next five years."
        ),
        responsibilities=(
            "Lead the modularisation of our Django codebase",
            "Coach three mid-level developers",
        ),
        requirements=("Six or more years of Python and Django", "Fluent English; German is a plus"),
        skills=("Python", "Django", "PostgreSQL"),
    ),
    PostingInfo(
        url="https://www.linkedin.com/jobs/view/4051234569",
        job_id="4051234569",
        title="Backend Python Developer - Remote",
        company="Havelwerk Software",
        location="Germany",
        country="Germany",
        remote=True,
        employment_type="CONTRACTOR",
        date_posted="2026-11-01",
        summary=(
            "A twelve-month contract building integrations for a logistics platform. Fully "
            "remote from anywhere in Germany."
        ),
        responsibilities=("Build integrations with carrier APIs", "Maintain Celery workers"),
        requirements=("Four or more years of Python", "Experience with Celery and RabbitMQ"),
        skills=("Python", "Celery", "RabbitMQ"),
    ),
)

# -- apis.indeed.com: GraphQL job search -----------------------------------------------

INDEED_HOST = "apis.indeed.com"
INDEED_JOBS = (
    PostingInfo(
        url="https://www.indeed.com/viewjob?jk=5f1a2b3c4d5e6f01",
        job_id="5f1a2b3c4d5e6f01",
        title="Python Developer (m/w/d)",
        company="Brandenburg Data Systems GmbH",
        location="Berlin, BE, Germany",
        city="Berlin",
        region="BE",
        country="DE",
        salary_min=58000,
        salary_max=72000,
        salary_currency="EUR",
        salary_interval="YEAR",
        date_posted="2026-11-07",
        summary=(
            "Brandenburg Data Systems develops software for energy grid operators. We are "
            "looking for a Python developer to join our forecasting team in Berlin-Mitte."
        ),
        responsibilities=("Develop forecasting services in Python", "Work with pandas and SQL"),
        requirements=("Three years of Python experience", "Good German and English"),
        skills=("Python", "pandas", "SQL"),
    ),
    PostingInfo(
        url="https://www.indeed.com/viewjob?jk=5f1a2b3c4d5e6f02",
        job_id="5f1a2b3c4d5e6f02",
        title="Junior Python Developer",
        company="Spreeview Analytics",
        location="Berlin, BE, Germany",
        city="Berlin",
        region="BE",
        country="DE",
        salary_min=45000,
        salary_max=52000,
        salary_currency="EUR",
        salary_interval="YEAR",
        date_posted="2026-11-05",
        summary="Start your career building data tools for public transport operators.",
        responsibilities=("Build internal tools in Python and Django",),
        requirements=("First experience with Python from studies or projects",),
        skills=("Python", "Django"),
    ),
    PostingInfo(
        url="https://www.indeed.com/viewjob?jk=5f1a2b3c4d5e6f03",
        job_id="5f1a2b3c4d5e6f03",
        title="Python Developer - Remote",
        company="Havelwerk Software",
        location="Berlin, BE, Germany",
        city="Berlin",
        region="BE",
        country="DE",
        remote=True,
        employment_type="CONTRACTOR",
        salary_min=75,
        salary_max=90,
        salary_currency="EUR",
        salary_interval="HOUR",
        date_posted="2026-11-02",
        summary="Remote contract work on carrier integrations for a logistics platform.",
        responsibilities=("Build integrations with carrier APIs",),
        requirements=("Four or more years of Python",),
        skills=("Python", "Celery"),
    ),
)

# -- misbehaving hosts with postings ----------------------------------------------------

EVIL_HOST = "careers.evil-markup.com"
EVIL_TITLE = "Platform Engineer <script>alert(1)</script>"
EVIL_JOBS = (
    PostingInfo(
        url=f"https://{EVIL_HOST}/jobs/7-platform-engineer",
        job_id="7",
        title=EVIL_TITLE,
        company="Evil Markup Ltd",
        location="Dublin, Leinster, Ireland",
        city="Dublin",
        region="Leinster",
        country="IE",
        salary_min=80000,
        salary_max=95000,
        salary_currency="EUR",
        salary_interval="YEAR",
        date_posted="2026-11-04",
        summary=(
            "Our applicant tracking system lets hiring managers type anything into a job "
            "title, and it shows. Join the platform team that runs our build and deploy "
            "systems and help us clean up after ourselves."
        ),
        responsibilities=(
            "Run our Kubernetes platform and GitHub Actions runners",
            "Harden our web applications against injection and cross-site scripting",
        ),
        requirements=("Four or more years in platform or infrastructure engineering",),
        skills=("Kubernetes", "Security", "Python"),
    ),
)

PRIVATE_HOST = "careers.private-robots.com"
PRIVATE_JOBS = (
    PostingInfo(
        url=f"https://{PRIVATE_HOST}/jobs/12-backend-engineer",
        job_id="12",
        title="Backend Engineer",
        company="Private Robots AG",
        location="Zurich, Zurich, Switzerland",
        city="Zurich",
        region="Zurich",
        country="CH",
        salary_min=120000,
        salary_max=140000,
        salary_currency="CHF",
        salary_interval="YEAR",
        date_posted="2026-11-03",
        summary=(
            "This company asks crawlers not to read its job pages (robots.txt disallows "
            "/jobs). A polite scraper never sees this posting."
        ),
        responsibilities=("Build APIs for our service robots",),
        requirements=("Five years of backend development",),
        skills=("Go", "PostgreSQL"),
    ),
)

LEGACY_HOST = "karriere.legacy-gmbh.de"
LEGACY_JOBS = (
    PostingInfo(
        url=f"https://{LEGACY_HOST}/jobs",
        job_id="L-2026-14",
        title="Softwareentwickler (m/w/d) für Prüfstände",
        company="Müller & Söhne Prüftechnik GmbH",
        location="Würzburg, Bayern, Deutschland",
        city="Würzburg",
        region="Bayern",
        country="DE",
        salary_min=58000,
        salary_max=68000,
        salary_currency="EUR",
        salary_interval="YEAR",
        date_posted="2026-10-20",
    ),
)


# -- career sites on hiring platforms (feed + pages, sites/platforms.py) ------------------

GREENHOUSE_HOST = "boards.greenhouse.io"
LUMEN = "Lumen Grid"
LUMEN_JOBS = (
    PostingInfo(
        url=f"https://{GREENHOUSE_HOST}/lumengrid/jobs/5001001",
        job_id="5001001",
        title="Grid Software Engineer",
        company=LUMEN,
        location="Amsterdam, Netherlands",
        salary_min=70000,
        salary_max=88000,
        salary_currency="EUR",
        salary_interval="YEAR",
        salary_in_text=True,
        summary=(
            "Lumen Grid balances the Dutch power grid with software: every few seconds our "
            "platform decides which batteries charge and which heat pumps wait. You will "
            "build the services that make those decisions and keep them correct."
        ),
        responsibilities=(
            "Design and run Python and Rust services that forecast load per substation",
            "Work with grid operators on the interfaces their control rooms use",
        ),
        requirements=("Four or more years building backend services", "Care for correctness"),
    ),
    PostingInfo(
        url=f"https://{GREENHOUSE_HOST}/lumengrid/jobs/5001002",
        job_id="5001002",
        title="Energy Market Analyst",
        company=LUMEN,
        location="Rotterdam, Netherlands",
        summary=(
            "Trade flexibility on the day-ahead and intraday markets. You will model prices, "
            "explain our bids to the trading desk and improve the strategies we run."
        ),
        responsibilities=("Model day-ahead and imbalance prices", "Review every bid we place"),
        requirements=("A quantitative degree", "SQL and Python"),
    ),
    PostingInfo(
        url=f"https://{GREENHOUSE_HOST}/lumengrid/jobs/5001003",
        job_id="5001003",
        title="Site Reliability Engineer (Remote)",
        company=LUMEN,
        location="Remote, Netherlands",
        remote=True,
        summary=(
            "Keep a platform that steers 40,000 devices up through storms and software "
            "releases. This role is fully remote within the Netherlands."
        ),
        responsibilities=("Run Kubernetes on two clouds", "Own our incident reviews"),
        requirements=("Production Kubernetes", "Terraform"),
    ),
)

LEVER_HOST = "jobs.lever.co"
TIDEWATER = "Tidewater Analytics"
TIDEWATER_JOBS = (
    PostingInfo(
        url=f"https://{LEVER_HOST}/tidewater/6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b",
        job_id="6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b",
        title="Senior Data Scientist",
        company=TIDEWATER,
        location="Boston, MA",
        salary_min=150000,
        salary_max=185000,
        salary_currency="USD",
        salary_interval="YEAR",
        summary=(
            "Tidewater forecasts coastal flooding for 300 US towns. As a Senior Data "
            "Scientist you will improve the models that tell a harbour master when to "
            "close the gates."
        ),
        responsibilities=("Build probabilistic surge forecasts", "Validate them against gauges"),
        requirements=("Five years of applied statistics", "Python and xarray"),
    ),
    PostingInfo(
        url=f"https://{LEVER_HOST}/tidewater/7a2b3c4d-5e6f-4a70-9b8c-0d1e2f3a4b5c",
        job_id="7a2b3c4d-5e6f-4a70-9b8c-0d1e2f3a4b5c",
        title="Analytics Engineer",
        company=TIDEWATER,
        location="Remote - US",
        remote=True,
        salary_min=120000,
        salary_max=140000,
        salary_currency="USD",
        salary_interval="YEAR",
        salary_in_text=True,
        summary=(
            "Turn tide-gauge and weather feeds into tables our scientists and customers "
            "trust. You will own our dbt project and its tests."
        ),
        responsibilities=("Model our warehouse in dbt", "Document every metric we publish"),
        requirements=("Three years of analytics engineering", "SQL you are proud of"),
    ),
    PostingInfo(
        url=f"https://{LEVER_HOST}/tidewater/8b3c4d5e-6f70-4b81-8c9d-1e2f3a4b5c6d",
        job_id="8b3c4d5e-6f70-4b81-8c9d-1e2f3a4b5c6d",
        title="Data Visualisation Intern",
        company=TIDEWATER,
        location="Boston, MA",
        employment_type="INTERN",
        salary_min=28,
        salary_max=32,
        salary_currency="USD",
        salary_interval="HOUR",
        summary=(
            "Spend a summer turning flood forecasts into maps a town council understands "
            "in ten seconds."
        ),
        responsibilities=("Design forecast maps", "Test them with our customers"),
        requirements=("Studying design, geography or computer science",),
    ),
)

ASHBY_HOST = "jobs.ashbyhq.com"
QUARRY = "Quarry Health"
QUARRY_JOBS = (
    PostingInfo(
        url=f"https://{ASHBY_HOST}/quarryhealth/0c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e",
        job_id="0c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e",
        title="Clinical Product Manager",
        company=QUARRY,
        location="New York, NY",
        salary_min=165000,
        salary_max=195000,
        salary_currency="USD",
        salary_interval="YEAR",
        summary=(
            "Quarry Health runs the scheduling software of 900 community clinics. Shape "
            "the product nurses open first thing every morning."
        ),
        responsibilities=("Own the triage roadmap", "Spend a day a month in a clinic"),
        requirements=("Product management in healthcare", "Comfort with clinical workflows"),
    ),
    PostingInfo(
        url=f"https://{ASHBY_HOST}/quarryhealth/1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6",
        job_id="1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6",
        title="Care Coordinator",
        company=QUARRY,
        location="Chicago, IL",
        salary_min=28,
        salary_max=34,
        salary_currency="USD",
        salary_interval="HOUR",
        salary_in_text=True,
        summary=(
            "Help patients of our partner clinics get the appointments they need, on the "
            "phone and in our app."
        ),
        responsibilities=("Coordinate referrals", "Follow up with patients"),
        requirements=("Two years in patient services",),
    ),
    PostingInfo(
        url=f"https://{ASHBY_HOST}/quarryhealth/2e3f4a5b-6c7d-4e8f-9012-b3c4d5e6f708",
        job_id="2e3f4a5b-6c7d-4e8f-9012-b3c4d5e6f708",
        title="Staff Backend Engineer",
        company=QUARRY,
        location="Remote - US",
        remote=True,
        salary_min=190000,
        salary_max=230000,
        salary_currency="USD",
        salary_interval="YEAR",
        summary=(
            "Scale the booking engine behind 4 million appointments a month. Fully remote "
            "within the United States."
        ),
        responsibilities=("Lead the booking engine's redesign", "Mentor four engineers"),
        requirements=("Eight years of backend engineering", "PostgreSQL at scale"),
    ),
)

WORKABLE_HOST = "apply.workable.com"
MOSSGREEN = "Mossgreen Studio"
MOSSGREEN_JOBS = (
    PostingInfo(
        url=f"https://{WORKABLE_HOST}/mossgreen/j/7D21A0C4F2/",
        job_id="7D21A0C4F2",
        title="Senior Product Designer",
        company=MOSSGREEN,
        location="London, England, United Kingdom",
        salary_min=62000,
        salary_max=74000,
        salary_currency="GBP",
        salary_interval="YEAR",
        salary_in_text=True,
        summary=(
            "Mossgreen Studio designs booking apps for independent theatres. Lead the "
            "design of our next ticketing product, from research to polish."
        ),
        responsibilities=("Run research with box offices", "Own our design system"),
        requirements=("Six years of product design", "A portfolio of shipped work"),
    ),
    PostingInfo(
        url=f"https://{WORKABLE_HOST}/mossgreen/j/8E32B1D5A3/",
        job_id="8E32B1D5A3",
        title="Motion Designer",
        company=MOSSGREEN,
        location="Manchester, England, United Kingdom",
        summary="Bring our theatre apps to life with motion that helps, never distracts.",
        responsibilities=("Animate our onboarding", "Build a motion library"),
        requirements=("After Effects and Lottie",),
    ),
    PostingInfo(
        url=f"https://{WORKABLE_HOST}/mossgreen/j/9F43C2E6B4/",
        job_id="9F43C2E6B4",
        title="Studio Coordinator",
        company=MOSSGREEN,
        location="London, England, United Kingdom",
        employment_type="PART_TIME",
        summary="Keep a studio of eighteen people running: rooms, travel, suppliers, visitors.",
        responsibilities=("Plan studio events", "Handle suppliers"),
        requirements=("Office coordination experience",),
    ),
)
