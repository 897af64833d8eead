Feature: Postings from company career pages
  Most jobs are published first on the company's own career site. jobscraper
  reads a company's job listing, follows the link to each posting and stores
  what it finds. Career sites built for search engines describe each job in
  structured data (schema.org); reading it is exact and costs nothing, so no
  model is asked. Pages without it are handed to the model route instead of
  being dropped, and sites that draw their job list with JavaScript are opened
  in a real browser.

  Rule: Structured job data is stored as published, without a model

    @smoke
    Scenario: A career page with structured data yields every posting it lists
      Given the career page of "ACME Robotics"
      When the sources are scraped
      Then the career page of "ACME Robotics" is reported as successful
      And every posting of "ACME Robotics" is stored with its title, company, location and salary

    Scenario: Work arrangement and pay period are read from the posting
      Given the career page of "ACME Robotics"
      When the sources are scraped
      Then the stored posting at "https://careers.acme-robotics.com/jobs/1044-devops-engineer-remote" has work arrangement "remote"
      And the stored posting at "https://careers.acme-robotics.com/jobs/1045-embedded-systems-intern" has salary period "month"
      And the stored posting at "https://careers.acme-robotics.com/jobs/1045-embedded-systems-intern" has extraction route "structured"

  Rule: Pages without structured data go to the model route, never silently dropped

    Scenario: A career page without structured data is reported as needing a model when none is available
      Given the career page of "Northwind Data"
      And no model is available for pages without structured data
      When the sources are scraped
      Then the career page of "Northwind Data" is reported as needing a model
      And 0 postings are stored

  Rule: Job lists drawn by JavaScript are opened in a browser

    @browser
    Scenario: A career page drawn by JavaScript yields its postings
      Given the career page of "Globex AI"
      When the sources are scraped
      Then the career page of "Globex AI" is reported as successful
      And every posting of "Globex AI" is stored with its title, company, location and salary
