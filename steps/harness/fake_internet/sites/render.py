"""HTML for fixture pages: real-looking chrome around the catalogue's data.

Real career pages carry navigation, a cookie banner, a footer and a lot of
markup around a few lines of job data; crawl4ai flags tiny pages as blocked
and the LLM route's token counts depend on page size, so fixtures must look
like the real thing, not like a test stub.
"""

# ruff: noqa: E501 - HTML templates keep real markup on one line, as the sites do

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from typing import Any

from .catalogue import PostingInfo

EMPLOYMENT_LABELS = {
    "FULL_TIME": "Full-time",
    "PART_TIME": "Part-time",
    "CONTRACTOR": "Contract",
    "INTERN": "Internship",
    "TEMPORARY": "Temporary",
}
CURRENCY_SIGNS = {"EUR": "€", "USD": "$", "GBP": "£"}
INTERVAL_WORDS = {"YEAR": "per year", "MONTH": "per month", "DAY": "per day", "HOUR": "per hour"}


@dataclass(frozen=True)
class Brand:
    """A fake company's look and boilerplate."""

    name: str
    host: str
    tagline: str
    about: str
    address: str
    colour: str
    benefits: tuple[str, ...]
    same_as: str

    @property
    def origin(self) -> str:
        return f"https://{self.host}"


def salary_text(p: PostingInfo) -> str:
    """``€85,000 – €105,000 per year`` (or a single amount when min == max)."""
    if p.salary_min is None or p.salary_currency is None:
        return "Competitive salary"
    sign = CURRENCY_SIGNS.get(p.salary_currency, p.salary_currency + " ")
    low = f"{sign}{p.salary_min:,.0f}"
    amount = low if p.salary_max in (None, p.salary_min) else f"{low} – {sign}{p.salary_max:,.0f}"
    return f"{amount} {INTERVAL_WORDS.get(p.salary_interval or '', '')}".strip()


def json_ld(data: dict[str, Any]) -> str:
    """A JSON-LD script element; ``<`` is escaped so no string can close the tag."""
    text = json.dumps(data, indent=2, ensure_ascii=False).replace("<", "\\u003c")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def posting_description_html(p: PostingInfo, brand: Brand) -> str:
    """The description section as HTML (also used inside JSON-LD)."""
    parts = [f"<p>{escape(p.summary)}</p>"]
    if p.responsibilities:
        items = "".join(f"<li>{escape(x)}</li>" for x in p.responsibilities)
        parts.append(f"<h2>What you will do</h2><ul>{items}</ul>")
    if p.requirements:
        items = "".join(f"<li>{escape(x)}</li>" for x in p.requirements)
        parts.append(f"<h2>What you bring</h2><ul>{items}</ul>")
    items = "".join(f"<li>{escape(x)}</li>" for x in brand.benefits)
    parts.append(f"<h2>What we offer</h2><ul>{items}</ul>")
    parts.append(f"<h2>About {escape(brand.name)}</h2><p>{escape(brand.about)}</p>")
    return "\n".join(parts)


def job_posting_data(p: PostingInfo, brand: Brand) -> dict[str, Any]:
    """A schema.org JobPosting as Google's guidelines describe it."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": p.title,
        "description": posting_description_html(p, brand),
        "identifier": {"@type": "PropertyValue", "name": brand.name, "value": p.job_id},
        "datePosted": p.date_posted,
        "validThrough": "2027-01-31T23:59",
        "employmentType": p.employment_type,
        "hiringOrganization": {
            "@type": "Organization",
            "name": brand.name,
            "sameAs": brand.same_as,
            "logo": f"{brand.origin}/static/logo.png",
        },
        "url": p.url,
        "directApply": True,
    }
    if p.skills:
        data["skills"] = ", ".join(p.skills)
    if p.remote:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": p.country}
    else:
        data["jobLocation"] = {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": p.city,
                "addressRegion": p.region,
                "addressCountry": p.country,
            },
        }
    if p.salary_min is not None:
        value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": p.salary_interval}
        if p.salary_max in (None, p.salary_min):
            value["value"] = p.salary_min
        else:
            value |= {"minValue": p.salary_min, "maxValue": p.salary_max}
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": p.salary_currency,
            "value": value,
        }
    return data


STYLE = """
  :root { --brand: %s; --ink: #1d2330; --muted: #5b6475; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", sans-serif;
         color: var(--ink); background: #fafbfc; }
  header.site-header { display: flex; align-items: center; justify-content: space-between;
         padding: 1rem 2rem; background: #fff; border-bottom: 1px solid #e3e6ec; }
  header.site-header a.logo { font-weight: 700; color: var(--brand); text-decoration: none; }
  nav.main-nav ul { display: flex; gap: 1.5rem; list-style: none; margin: 0; padding: 0; }
  nav.main-nav a { color: var(--ink); text-decoration: none; }
  main { max-width: 960px; margin: 2rem auto; padding: 0 1.5rem; }
  .breadcrumb { font-size: .875rem; color: var(--muted); }
  .job-card { background: #fff; border: 1px solid #e3e6ec; border-radius: 8px;
              padding: 1.25rem 1.5rem; margin-bottom: 1rem; }
  .job-meta { color: var(--muted); }
  .button { display: inline-block; padding: .6rem 1.2rem; border-radius: 6px;
            background: var(--brand); color: #fff; text-decoration: none; }
  .cookie-banner { position: fixed; bottom: 0; left: 0; right: 0; padding: 1rem 2rem;
                   background: #1d2330; color: #fff; display: flex; gap: 1rem; }
  footer.site-footer { margin-top: 4rem; padding: 2rem; background: #1d2330; color: #c9cfda; }
  footer.site-footer a { color: #c9cfda; }
"""


def page(
    brand: Brand,
    *,
    title: str,
    description: str,
    path: str,
    main: str,
    head_extra: str = "",
    scripts: str = "",
    og_type: str = "website",
) -> str:
    """A complete HTML document with the brand's head metadata, nav, banner and footer."""
    full_title = f"{title} | {brand.name} Careers"
    url = f"{brand.origin}{path}"
    year = 2026
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{escape(full_title)}</title>
  <meta name="description" content="{escape(description)}">
  <meta name="robots" content="index, follow">
  <link rel="canonical" href="{escape(url)}">
  <link rel="icon" href="/favicon.ico" sizes="any">
  <meta property="og:site_name" content="{escape(brand.name)} Careers">
  <meta property="og:type" content="{og_type}">
  <meta property="og:title" content="{escape(title)}">
  <meta property="og:description" content="{escape(description)}">
  <meta property="og:url" content="{escape(url)}">
  <meta property="og:image" content="{brand.origin}/static/og-image.png">
  <meta name="twitter:card" content="summary_large_image">
  <style>{STYLE % brand.colour}</style>
{head_extra}
</head>
<body>
  <a class="skip-link" href="#content">Skip to content</a>
  <header class="site-header">
    <a class="logo" href="/">{escape(brand.name)}</a>
    <nav class="main-nav" aria-label="Main">
      <ul>
        <li><a href="/">Home</a></li>
        <li><a href="/jobs">Open positions</a></li>
        <li><a href="/life-at-{brand.host.split(".")[1]}">Life at {escape(brand.name.split()[0])}</a></li>
        <li><a href="/benefits">Benefits</a></li>
        <li><a href="{escape(brand.same_as)}">Company website</a></li>
      </ul>
    </nav>
  </header>
  <main id="content">
{main}
  </main>
  <div class="cookie-banner" id="cookie-banner" role="dialog" aria-label="Cookie consent">
    <p>We use cookies to keep this site secure and, with your consent, to measure how our
    job pages are used. You can change your choice at any time under "Cookie settings".
    Read our <a href="/privacy">privacy notice</a>.</p>
    <button type="button" data-consent="all">Accept all</button>
    <button type="button" data-consent="necessary">Only necessary</button>
  </div>
  <footer class="site-footer">
    <p><strong>{escape(brand.name)}</strong> · {escape(brand.tagline)}</p>
    <p>{escape(brand.address)}</p>
    <ul class="footer-links">
      <li><a href="/privacy">Privacy notice</a></li>
      <li><a href="/imprint">Imprint</a></li>
      <li><a href="/accessibility">Accessibility statement</a></li>
      <li><a href="/cookie-settings">Cookie settings</a></li>
    </ul>
    <p>© {year} {escape(brand.name)}. We are an equal-opportunity employer and welcome
    applications from people of every background, age, gender identity and ability.</p>
  </footer>
{scripts}
</body>
</html>
"""


def job_meta(p: PostingInfo) -> str:
    location = f"Remote ({p.location.removeprefix('Remote, ')})" if p.remote else p.location
    return (
        f'<p class="job-meta"><span class="job-location">{escape(location)}</span> · '
        f'<span class="job-type">{EMPLOYMENT_LABELS[p.employment_type]}</span> · '
        f'<span class="job-salary">{escape(salary_text(p))}</span></p>'
    )


def job_card(p: PostingInfo, path: str) -> str:
    """One job in a listing, as plain HTML."""
    return f"""    <article class="job-card" data-job-id="{escape(p.job_id)}">
      <h2 class="job-card__title"><a href="{escape(path)}">{escape(p.title)}</a></h2>
      {job_meta(p)}
      <p class="job-card__teaser">{escape(p.summary)}</p>
      <a class="job-card__more" href="{escape(path)}">View position</a>
    </article>"""


def posting_main(p: PostingInfo, brand: Brand, listing_path: str = "/jobs") -> str:
    """The body of a posting page."""
    posted = f'<time datetime="{p.date_posted}">{p.date_posted}</time>'
    return f"""    <p class="breadcrumb"><a href="/">Home</a> › <a href="{listing_path}">Open positions</a>
      › {escape(p.title)}</p>
    <article class="job-posting">
      <h1 class="job-title">{escape(p.title)}</h1>
      {job_meta(p)}
      <p class="job-posted">Posted {posted} · Reference {escape(p.job_id)}</p>
      <section class="job-description">
{posting_description_html(p, brand)}
      </section>
      <p><a class="button" href="{escape(p.url)}/apply">Apply now</a></p>
      <p class="job-contact">Questions? Write to our recruiting team at
      careers@{brand.host.split(".", 1)[1]} and mention reference {escape(p.job_id)}.</p>
    </article>"""


ROBOTS_ALLOW_ALL = """# robots.txt
User-agent: *
Disallow: /apply/
Disallow: /admin/
Allow: /

Sitemap: https://{host}/sitemap.xml
"""
