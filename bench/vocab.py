"""Words for generated records: topics, people, competencies, frameworks.

Each topic carries its own skills and occupations, so a generated proposal
reads like one a faculty member would write, and records differ in length
and content the way real ones do.
"""

from __future__ import annotations

from typing import NamedTuple


class Topic(NamedTuple):
    title: str
    skills: tuple[str, ...]
    occupations: tuple[tuple[str, str], ...]  # (O*NET-SOC code, title)


TOPICS = (
    Topic(
        "Data Visualization with Python",
        ("Python", "pandas", "Matplotlib", "Plotly", "Data cleaning", "Storytelling"),
        (("15-2051.00", "Data Scientists"), ("15-2041.00", "Statisticians")),
    ),
    Topic(
        "Financial Modeling in Excel",
        ("Excel", "Forecasting", "Valuation", "Scenario analysis", "Pivot tables"),
        (("13-2051.00", "Financial and Investment Analysts"),),
    ),
    Topic(
        "GIS for Environmental Analysis",
        ("ArcGIS Pro", "QGIS", "Spatial analysis", "Remote sensing", "Cartography"),
        (("19-2041.00", "Environmental Scientists and Specialists"),),
    ),
    Topic(
        "Telehealth Patient Communication",
        ("Video visits", "Patient education", "HIPAA", "Active listening", "Triage"),
        (("29-1141.00", "Registered Nurses"), ("29-1171.00", "Nurse Practitioners")),
    ),
    Topic(
        "Project Management Foundations",
        ("Scheduling", "Risk registers", "Stakeholder analysis", "Agile", "Budgeting"),
        (("11-9199.00", "Managers, All Other"), ("13-1082.00", "Project Managers")),
    ),
    Topic(
        "Grant Proposal Writing",
        ("Grant writing", "Budget justification", "Logic models", "Peer review"),
        (("27-3042.00", "Technical Writers"),),
    ),
    Topic(
        "Cybersecurity Fundamentals",
        ("Threat modeling", "Network security", "Incident response", "Linux", "NIST"),
        (("15-1212.00", "Information Security Analysts"),),
    ),
    Topic(
        "Bioinformatics with R",
        ("R", "Bioconductor", "Sequence alignment", "RNA-seq", "Reproducibility"),
        (("19-1029.01", "Bioinformatics Scientists"),),
    ),
    Topic(
        "Responsible AI for Business Decisions",
        ("Machine learning", "Bias auditing", "Model cards", "Governance", "Ethics"),
        (("15-2051.01", "Business Intelligence Analysts"),),
    ),
    Topic(
        "Sustainable Supply Chain Analytics",
        ("Logistics", "Life-cycle assessment", "Supplier audits", "SQL", "Tableau"),
        (("13-1081.00", "Logisticians"),),
    ),
    Topic(
        "Food Safety Management",
        ("HACCP", "Allergen control", "Sanitation", "Food safety audits", "Training"),
        (("11-9051.00", "Food Service Managers"),),
    ),
    Topic(
        "Music Production with Digital Audio Workstations",
        ("Ableton Live", "Mixing", "Mastering", "Sound design", "Recording"),
        (("27-4014.00", "Sound Engineering Technicians"),),
    ),
    Topic(
        "Hurricane Preparedness Planning",
        ("Emergency planning", "Risk communication", "Continuity plans", "FEMA ICS"),
        (("13-1041.07", "Regulatory Affairs Specialists"),),
    ),
    Topic(
        "Professional Communication",
        (
            "Business writing",
            "Presentations",
            "Email etiquette",
            "Meeting facilitation",
        ),
        (("27-3031.00", "Public Relations Specialists"),),
    ),
    Topic(
        "Peer Tutoring Certification",
        ("Tutoring", "Learning strategies", "Questioning", "Inclusive practice"),
        (("25-3041.00", "Tutors"),),
    ),
    Topic(
        "Clinical Research Coordination",
        ("Informed consent", "Good Clinical Practice", "REDCap", "Protocol design"),
        (("11-9121.01", "Clinical Research Coordinators"),),
    ),
    Topic(
        "Cloud Computing Essentials",
        ("AWS", "Azure", "Containers", "Infrastructure as code", "Cost management"),
        (("15-1241.00", "Computer Network Architects"),),
    ),
    Topic(
        "Inclusive Teaching Practices",
        ("Universal Design for Learning", "Accessibility", "Active learning"),
        (("25-9031.00", "Instructional Coordinators"),),
    ),
    Topic(
        "Digital Marketing Analytics",
        ("Google Analytics", "A/B testing", "SEO", "Campaign reporting", "SQL"),
        (("13-1161.00", "Market Research Analysts and Marketing Specialists"),),
    ),
    Topic(
        "Forensic Accounting",
        ("Fraud examination", "Audit sampling", "Excel", "Interviewing", "IDEA"),
        (("13-2011.00", "Accountants and Auditors"),),
    ),
    Topic(
        "Entrepreneurial Mindset",
        ("Customer discovery", "Lean canvas", "Pitching", "Prototyping"),
        (("11-1021.00", "General and Operations Managers"),),
    ),
    Topic(
        "Water Quality Monitoring",
        ("Field sampling", "Lab analysis", "Data loggers", "EPA methods"),
        (("19-4042.00", "Environmental Science and Protection Technicians"),),
    ),
    Topic(
        "Career Readiness and Job Search",
        ("Resume writing", "Interviewing", "LinkedIn", "Networking", "Negotiation"),
        (("21-1012.00", "Educational, Guidance, and Career Counselors"),),
    ),
    Topic(
        "Applied Statistics for Health Sciences",
        ("Regression", "SPSS", "Study design", "Survival analysis", "R"),
        (("15-2041.01", "Biostatisticians"),),
    ),
)

QUALIFIERS = (
    "",
    "for Working Professionals",
    "for Educators",
    "for Nurses",
    "for Small Businesses",
    "for Researchers",
    "in Practice",
    "Essentials",
    "Advanced Practice",
    "for Community Leaders",
    "Bootcamp",
)

GENERIC_SKILLS = (
    "Teamwork",
    "Critical thinking",
    "Problem solving",
    "Written communication",
    "Oral communication",
    "Ethical reasoning",
    "Data literacy",
    "Time management",
)

FIRST = (
    "Dana", "Omar", "Aisha", "Luis", "Mei", "Tomás", "Priya", "Kwame", "Elena",
    "Jordan", "Fatima", "Andre", "Sofia", "Hannah", "Raj", "Chloé", "Marcus",
    "Yuki", "Nia", "Gabriel", "Ingrid", "Santiago", "Amara", "Wen",
)  # fmt: skip
LAST = (
    "Reyes", "Haddad", "Thompson", "Ortega", "Chen", "Novak", "Sharma", "Mensah",
    "Petrova", "Brooks", "Al-Sayed", "Wallace", "Rossi", "Schmidt", "Iyer",
    "Dubois", "Green", "Tanaka", "Okonkwo", "Silva", "Larsen", "Vargas", "Eze",
    "Liu",
)  # fmt: skip

JOB_TITLES = (
    "Assistant Professor",
    "Associate Professor",
    "Professor",
    "Lecturer",
    "Clinical Assistant Professor",
    "Program Director",
    "Instructional Designer",
    "Senior Lecturer",
)

# Units of proposers who are not in the office's people list: intakes come
# from anywhere on campus.
OTHER_UNITS = (
    ("School of Music", "College of Communication, Architecture and the Arts"),
    ("Department of Hospitality", "College of Business"),
    ("Department of Biology", "College of Arts, Sciences and Education"),
    ("Office of Continuing Education", "Division of Academic & Student Affairs"),
)

AUDIENCES = (
    "Undergraduate students",
    "Graduate students",
    "Working professionals",
    "Alumni",
    "Faculty and staff",
    "Community members",
    "High school students",
)

TERMS = ("Spring", "Summer", "Fall")

PARTNERS = (
    "Coastal Analytics Group",
    "Bayshore Health System",
    "Gulfstream Logistics",
    "City of Bayshore",
    "Harbor Credit Union",
    "Tidewater Engineering",
    "Sunrise Community Foundation",
)

VERBS = (
    "Applies",
    "Explains",
    "Designs",
    "Evaluates",
    "Builds",
    "Interprets",
    "Communicates",
    "Plans",
    "Analyzes",
    "Critiques",
)
ASSESSMENTS = (
    "Capstone project",
    "Portfolio review",
    "Case study analysis",
    "Recorded presentation",
    "Practical demonstration",
    "Timed quiz",
    "Peer-reviewed critique",
    "Simulation exercise",
    "Written reflection",
)
RUBRICS = (
    "Four-level analytic rubric",
    "Checklist",
    "Holistic rubric",
    "Single-point rubric",
    "Presentation rubric",
)
MINIMUMS = ("Level 3 of 4", "Proficient", "8 of 10 items", "80 per cent", "Meets")

FRAMEWORKS = (
    ("NACE Career Readiness", "NACE-CR-{n}", "Career and self-development"),
    ("AAC&U VALUE Rubrics", "VALUE-{n}", "Written communication"),
    ("NICE Workforce Framework", "NICE-{n}", "Cyber defense analysis"),
)

NOTES = (
    "Agreed on the competencies and one capstone assessment.",
    "Will reuse existing course labs, rewritten for learners without the course.",
    "The industry partner offered a real, anonymised data set for the capstone.",
    "Needs a second assessor from the partner organisation.",
    "Assessment load is high for the hours; trim one exercise.",
)
REASONS = (
    "The competencies overlap with an existing badge; narrow the scope.",
    "Assessments do not show the outcomes they claim; add a rubric.",
    "Workload hours do not match the activities described.",
    "The unit cannot staff the assessments next year.",
)
ALT_TEXT = (
    "A teal hexagon with a rising bar chart.",
    "A navy shield with a padlock and circuit lines.",
    "A green circle with a stylised map and a leaf.",
    "A coral ribbon badge with a speech bubble.",
)
