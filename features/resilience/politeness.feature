Feature: A site's request for a slower pace is honoured
  Small companies host their career pages on small servers, and some say in
  robots.txt how long a crawler should wait between requests (Crawl-delay).
  The scraper is a guest: it waits that long between the pages it reads from
  that site, even when it could go faster, and still reads every posting.

  Rule: The pages of a site are requested no faster than its robots.txt asks

    Scenario: A Crawl-delay of one second spaces the requests and every posting is read
      Given the career site of "Example Company 01" asks in its robots.txt for 1 second between requests
      When the sources are scraped
      Then every source is reported as successful
      And 2 postings are stored
      And the pages of "Example Company 01" were requested at least 1 second apart
