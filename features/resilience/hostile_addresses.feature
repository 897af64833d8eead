Feature: Hostile addresses are refused before anything is fetched
  Sources come from users, from dashboard visitors and from links on scraped
  pages, and the scraper runs inside the user's own network. An address that
  is malformed, names another scheme than the web's, or points into the
  private network in disguise must be refused with a reason the user can act
  on, before a single request is sent, and without touching what earlier
  scrapes stored.

  Rule: A hostile address is refused with its reason, and the stored postings stay as they were

    @security
    Scenario Outline: A hostile address is refused and the postings stored before are kept
      Given a posting "Robotics Engineer" at "https://careers.acme-robotics.com/jobs/robotics-engineer"
      And the career page at "<address>"
      When the sources are scraped
      Then the source "<address>" is reported as rejected because "<reason>"
      And nothing was fetched from the internet
      And the postings stored before are unchanged

      Examples: Malformed addresses
        | address                                      | reason              |
        | http://[::1                                  | not a valid address |
        | https://                                     | has no host         |
        | https://careers.acme-robotics.com:99999/jobs | not a valid address |
        | https://%00/jobs                             | is no name          |

      Examples: Schemes other than the web's
        | address                              | reason                          |
        | ftp://careers.acme-robotics.com/jobs | ftp: addresses are not allowed  |
        | javascript:alert(document.cookie)    | javascript: addresses are not allowed |
        | data:text/html,<h1>Jobs</h1>         | data: addresses are not allowed |

      Examples: Private addresses in disguise
        | address                        | reason          |
        | http://[::1]/jobs              | loopback        |
        | http://[fd00::12]/jobs         | private address |
        | http://[::ffff:10.0.0.12]/jobs | private address |
        | http://[2002:a00:c::]/jobs     | private address |
        | http://2130706433/jobs         | loopback        |
        | http://0177.0.0.1/jobs         | loopback        |
        | http://0x7f.1/jobs             | loopback        |

    @security
    Scenario: An address far longer than any web page's is refused unread
      Given a posting "Robotics Engineer" at "https://careers.acme-robotics.com/jobs/robotics-engineer"
      And the career page at an address 100,000 characters long
      When the sources are scraped
      Then that career page is reported as rejected because "over the limit"
      And nothing was fetched from the internet
      And the postings stored before are unchanged

    @security
    Scenario: A name that resolves into the private network is refused
      Given a posting "Robotics Engineer" at "https://careers.acme-robotics.com/jobs/robotics-engineer"
      And the career page at a name of this machine that resolves to a private address
      When the sources are scraped
      Then that career page is reported as rejected because "private addresses are not allowed"
      And nothing was fetched from the internet
      And the postings stored before are unchanged
