"""The fake companies' look and boilerplate (see ``render.page``)."""

from __future__ import annotations

from .render import Brand

ACME_BRAND = Brand(
    name="ACME Robotics GmbH",
    host="careers.acme-robotics.com",
    tagline="Autonomous mobile robots for intralogistics",
    about=(
        "ACME Robotics builds autonomous mobile robots that move goods through warehouses "
        "and factories. Founded in Munich in 2016, we employ 420 people in Munich, Eindhoven "
        "and Boston, and our robots run at 85 customer sites in eleven countries."
    ),
    address="ACME Robotics GmbH · Lilienthalallee 40 · 80939 München · Germany",
    colour="#d9480f",
    benefits=(
        "30 days of paid holiday plus 24 and 31 December",
        "A yearly learning budget of €2,000 and conference time",
        "Subsidised public transport ticket and JobRad bike leasing",
        "Company pension scheme with a 20 % employer top-up",
        "Flexible hours and up to three days a week of remote work",
    ),
    same_as="https://www.acme-robotics.com",
)

NORTHWIND_BRAND = Brand(
    name="Northwind Data Ltd",
    host="jobs.northwind-data.io",
    tagline="Retail pricing analytics, built in Britain",
    about=(
        "Northwind Data turns point-of-sale data into pricing and promotion decisions for "
        "sixty UK retailers. We are 140 people in London and Manchester, profitable since "
        "2019, and proud of our engineering blog and our open-source dbt packages."
    ),
    address="Northwind Data Ltd · 21 Curtain Road · London EC2A 3LT · United Kingdom",
    colour="#1864ab",
    benefits=(
        "27 days of holiday plus bank holidays, and your birthday off",
        "Private medical insurance with Vitality, including dependants",
        "Pension with 6 % employer contribution",
        "£1,500 learning budget and a home-office allowance",
    ),
    same_as="https://www.northwind-data.io",
)

GLOBEX_BRAND = Brand(
    name="Globex AI B.V.",
    host="careers.globex-ai.com",
    tagline="AI assistants for insurance claims",
    about=(
        "Globex AI builds AI assistants that help insurance claims handlers work through "
        "their queues faster and more fairly. We are 180 people in Amsterdam and San "
        "Francisco, backed by long-term investors and working with twelve European insurers."
    ),
    address="Globex AI B.V. · Keizersgracht 241 · 1016 EA Amsterdam · The Netherlands",
    colour="#5f3dc4",
    benefits=(
        "A 32-hour work week option at 90 % pay",
        "Stock options for every employee",
        "NS Business Card for train travel and a €1,000 home-office budget",
        "Relocation support and the 30 % ruling where eligible",
    ),
    same_as="https://www.globex-ai.com",
)

EVIL_BRAND = Brand(
    name="Evil Markup Ltd",
    host="careers.evil-markup.com",
    tagline="Content management for people in a hurry",
    about=(
        "Evil Markup makes a content management system used by 3,000 small businesses in "
        "Ireland and the UK. Our customers can put anything in a text field, and they do."
    ),
    address="Evil Markup Ltd · 4 Grand Canal Quay · Dublin 2 · Ireland",
    colour="#c92a2a",
    benefits=("25 days of holiday", "Health insurance with Laya", "A quiet office by the canal"),
    same_as="https://www.evil-markup.com",
)

PRIVATE_BRAND = Brand(
    name="Private Robots AG",
    host="careers.private-robots.com",
    tagline="Service robots for hospitals",
    about=(
        "Private Robots builds service robots that deliver medication and linen in "
        "hospitals across Switzerland and Austria."
    ),
    address="Private Robots AG · Hardturmstrasse 161 · 8005 Zürich · Switzerland",
    colour="#2b8a3e",
    benefits=("Five weeks of holiday", "Half-fare travelcard", "Pension above the legal minimum"),
    same_as="https://www.private-robots.com",
)
