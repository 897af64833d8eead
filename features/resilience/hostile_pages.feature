Feature: Hostile and broken pages cost nothing already stored
  Career sites serve images by mistake, empty pages during deployments, markup
  nested deeper than any browser would draw, and bytes that are not what their
  header says. A model asked about a page with nothing to read only invents a
  posting, so such a page is reported with its reason and never reaches one;
  a genuine posting on a strange page is still read; and whatever happens,
  the postings earlier scrapes stored are kept as they were.

  Rule: A page with nothing to read is reported, never handed to a model

    Scenario Outline: A page with nothing to read is reported with its reason
      Given a posting "Robotics Engineer" at "https://careers.acme-robotics.com/jobs/robotics-engineer"
      And a career page that serves <content>
      When the sources are scraped
      Then that career page is reported as not extractable because "<reason>"
      And no model was asked about any page
      And the postings stored before are unchanged

      Examples:
        | content                          | reason                 |
        | binary data served as a web page | binary data            |
        | a PNG image served as a web page | a PNG image            |
        | an empty page                    | the page is empty      |
        | a page of nothing but markup     | the page is empty      |

  Rule: A genuine posting on a strange page is read as any other

    Scenario Outline: A posting on a strange page is stored
      Given a posting "Robotics Engineer" at "https://careers.acme-robotics.com/jobs/robotics-engineer"
      And a career page that serves <content>
      When the sources are scraped
      Then the posting "Data Wrangler" is stored once
      And the postings stored before are unchanged

      Examples:
        | content                                   |
        | a posting nested 10,000 elements deep     |
        | a posting with bytes that are not UTF-8   |

  Rule: A page over the size limit is refused unread

    @boundary
    Scenario: A 20 MB page is refused and the postings stored before are kept
      Given a posting "Robotics Engineer" at "https://careers.acme-robotics.com/jobs/robotics-engineer"
      And the career page of "Huge Pages"
      When the sources are scraped
      Then the career page of "Huge Pages" is reported as failed because "over the limit"
      And the postings stored before are unchanged
