Feature: What a source is, and which addresses are refused
  A user adds sources as plain text: a link to a career page, or a search
  such as "python developer in Berlin". jobscraper tells them apart by
  themselves. Because the scraper runs inside the user's own network, it
  refuses addresses that are not public web pages (local files, the machine
  itself, the private network, cloud metadata services, links with passwords)
  before anything is fetched.

  Rule: A web address is a career page; any other text is a job-board search

    Scenario Outline: Telling career pages from job-board searches
      When "<source>" is given as a source
      Then it is <kind>
      And nothing was fetched from the internet

      Examples:
        | source                                          | kind                                                        |
        | https://careers.acme-robotics.com/jobs          | a career page                                               |
        | http://jobs.northwind-data.io/jobs?team=data    | a career page                                               |
        | python developer in Berlin                      | a job-board search for "python developer" in "Berlin"       |
        | data engineer in healthcare in London           | a job-board search for "data engineer in healthcare" in "London" |
        | machine learning engineer                       | a job-board search for "machine learning engineer" in "anywhere" |

    Scenario Outline: An address typed without its scheme or with spaces becomes a web address
      When "<typed>" is given as a source
      Then it is a career page at "<address>"
      And nothing was fetched from the internet

      Examples:
        | typed                                       | address                                |
        | careers.acme-robotics.com/jobs              | https://careers.acme-robotics.com/jobs |
        |   https://careers.acme-robotics.com/jobs    | https://careers.acme-robotics.com/jobs |

  Rule: Addresses outside the public web are refused, and nothing is fetched

    @security
    Scenario Outline: A disallowed address is rejected with a clear reason
      Given the career page at "<address>"
      When the sources are scraped
      Then the source "<address>" is reported as rejected because "<reason>"
      And nothing was fetched from the internet

      Examples:
        | address                                          | reason                             |
        | file:///etc/passwd                               | file: addresses are not allowed    |
        | http://127.0.0.1:8080/admin                      | private addresses are not allowed  |
        | http://10.0.0.12/jobs                            | private addresses are not allowed  |
        | http://169.254.169.254/latest/meta-data/         | link-local                         |
        | http://localhost/jobs                            | local addresses are not allowed    |
        | https://hr:secret@careers.acme-robotics.com/jobs | credentials                        |

    @security
    Scenario Outline: An address outside the public web is refused as soon as it is typed
      When "<typed>" is given as a source
      Then it is refused because "<reason>"
      And nothing was fetched from the internet

      Examples:
        | typed                      | reason                            |
        | file:///etc/passwd         | file: addresses are not allowed   |
        | http://192.168.1.1/careers | private addresses are not allowed |

    @security @browser
    Scenario: A page's own scripts cannot reach the private network either
      Given a career page drawn by JavaScript that calls an address in the private network
      And no model is available for pages without structured data
      When the sources are scraped
      Then nothing reached the private network

    @security
    Scenario: A redirect into the private network is refused
      Given a career page that redirects to an address in the private network
      When the sources are scraped
      Then the source "https://careers.sneaky-scripts.example/careers" is reported as rejected because "private addresses are not allowed"
      And nothing reached the private network
