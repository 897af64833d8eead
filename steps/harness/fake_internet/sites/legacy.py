"""``karriere.legacy-gmbh.de``: a 2000s-era career page in windows-1252.

The page declares its charset only in a ``<meta>`` tag (the server sends a
bare ``text/html``), uses cp1252-only characters (€, „ “, –) and contains a
few bytes that are undefined in cp1252 and invalid in UTF-8 (0x81, 0x8D,
0x8F, 0x90, 0x9D), as text pasted from an old system often does.
"""

# ruff: noqa: E501 - HTML templates keep real markup on one line, as the sites do

from __future__ import annotations

from .catalogue import LEGACY_HOST, LEGACY_JOBS

INVALID_BYTES = b"\x81\x8d\x8f\x90\x9d"
MARKER = "@@INVALID@@"

TEXT = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Stellenangebote – Müller &amp; Söhne Prüftechnik GmbH</title>
<meta name="description" content="Aktuelle Stellenangebote der Müller &amp; Söhne Prüftechnik GmbH in Würzburg.">
<meta name="keywords" content="Stellenangebote, Karriere, Prüftechnik, Würzburg, Softwareentwickler">
</head>
<body bgcolor="#ffffff">
<table width="780" border="0" cellpadding="0" cellspacing="0" align="center">
<tr><td><a href="/"><b>Müller &amp; Söhne Prüftechnik GmbH</b></a> – Prüfstände seit 1962</td></tr>
<tr><td>
<font face="Verdana, Arial" size="2">
<a href="/">Startseite</a> | <a href="/unternehmen.html">Unternehmen</a> |
<a href="/produkte.html">Produkte</a> | <a href="/jobs">Karriere</a> | <a href="/kontakt.html">Kontakt</a>
</font>
</td></tr>
<tr><td>
<h1>Stellenangebote</h1>
<p>Die Müller &amp; Söhne Prüftechnik GmbH entwickelt und baut seit über 60 Jahren Prüfstände
für Getriebe, Achsen und Elektromotoren. Unsere Kunden sind Automobilhersteller und Zulieferer
in ganz Europa. Zur Verstärkung unseres Teams in Würzburg suchen wir zum nächstmöglichen
Zeitpunkt:</p>

<h2 class="stelle">{title}</h2>
<p><b>Standort:</b> Würzburg &nbsp; <b>Art:</b> Vollzeit, unbefristet &nbsp;
<b>Gehalt:</b> 58.000 € – 68.000 € brutto jährlich &nbsp; <b>Kennziffer:</b> {job_id}</p>
<p><b>Ihre Aufgaben:</b></p>
<ul>
<li>Entwicklung der Prüfstandssoftware in C# und Python für „Hardware-in-the-Loop“-Tests</li>
<li>Anbindung von Messtechnik über CAN, EtherCAT und OPC UA</li>
<li>Inbetriebnahme der Prüfstände bei unseren Kunden (Reisetätigkeit ca. 15 %)</li>
<li>Pflege und Weiterentwicklung unserer Auswertungssoftware für Messdaten</li>
</ul>
<p><b>Ihr Profil:</b></p>
<ul>
<li>Abgeschlossenes Studium der Informatik, Elektrotechnik oder Mechatronik</li>
<li>Erfahrung in der Softwareentwicklung mit C# oder Python</li>
<li>Gute Deutsch- und Englischkenntnisse, Führerschein Klasse B</li>
</ul>
<p><b>Wir bieten:</b> 30 Urlaubstage, Gleitzeit, betriebliche Altersvorsorge, Jobrad,
Kantine mit Zuschuss und ein familiäres Arbeitsumfeld in einem wachsenden Unternehmen.</p>
<p>Hinweis aus dem Altsystem: Zeichen{marker}nicht darstellbar.</p>
<p>Bitte senden Sie Ihre vollständigen Bewerbungsunterlagen unter Angabe Ihrer
Gehaltsvorstellung und des frühestmöglichen Eintrittstermins an:<br>
Müller &amp; Söhne Prüftechnik GmbH, Frau Schäfer, Personalabteilung,
Ohmstraße 12, 97076 Würzburg, oder per E-Mail an bewerbung@legacy-gmbh.de</p>

<h2 class="stelle">Auszubildende/r Mechatroniker/in (m/w/d) 2027</h2>
<p>Für den Ausbildungsbeginn am 1. September 2027 suchen wir motivierte Schulabgänger/innen
mit gutem Realschulabschluss. Die Ausbildung dauert 3½ Jahre. Vergütung nach Tarif.</p>
<p>Diese Stelle ist eine Ausbildung und keine Stelle für Berufserfahrene.</p>
</td></tr>
<tr><td><hr>
<font size="1">© 1998–2026 Müller &amp; Söhne Prüftechnik GmbH · Ohmstraße 12 · 97076 Würzburg ·
Tel. 0931 / 12 34 56-0 · <a href="/impressum.html">Impressum</a> ·
<a href="/datenschutz.html">Datenschutz</a><br>
Letzte Änderung: 20.10.2026 · Optimiert für 1024×768</font>
</td></tr>
</table>
</body>
</html>
"""


def page_bytes() -> bytes:
    """The listing page as windows-1252 bytes with a few invalid ones."""
    job = LEGACY_JOBS[0]
    text = TEXT.format(title=job.title, job_id=job.job_id, marker=MARKER)
    head, tail = text.split(MARKER)
    return head.encode("cp1252") + INVALID_BYTES + tail.encode("cp1252")


ROBOTS = "User-agent: *\r\nDisallow: /cgi-bin/\r\n"


def files() -> dict[str, bytes]:
    return {
        f"{LEGACY_HOST}/jobs.html": page_bytes(),
        f"{LEGACY_HOST}/robots.txt": ROBOTS.encode("ascii"),
    }
