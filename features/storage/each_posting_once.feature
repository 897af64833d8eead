Feature: Each job posting is stored once
  Job seekers compare postings side by side. The same job, scraped every day,
  shared with tracking links or listed both on a job board and on the company's
  own site, must appear once, or every count and every cost figure is wrong.
  A posting is identified by its canonical address: its link without tracking
  parameters, fragments or cosmetic differences. When a company edits a posting,
  the stored copy is updated instead of a second copy appearing.

  Rule: A posting seen again is not stored again

    Scenario: A posting seen twice is stored once
      Given a posting "Senior Python Engineer" at "https://careers.acme-robotics.com/jobs/senior-python-engineer"
      When the posting "Senior Python Engineer" is found again at "https://careers.acme-robotics.com/jobs/senior-python-engineer?utm_source=newsletter#apply"
      Then 1 posting is stored
      And the last save counted 0 new, 0 updated and 1 unchanged

    Scenario: Scrapers saving the same posting at the same moment store it once
      When the posting "Data Engineer" at "https://jobs.northwind-data.io/openings/data-engineer" is found by 8 scrapers at once
      Then 1 posting is stored
      And the last save counted 1 new, 0 updated and 7 unchanged

  Rule: A changed posting is updated, not duplicated

    Scenario: An edited salary updates the stored posting
      Given a posting "Platform Engineer" at "https://careers.acme-robotics.com/jobs/platform-engineer" with maximum salary "90000"
      When the posting "Platform Engineer" is found again with maximum salary "95000"
      Then 1 posting is stored
      And the stored posting at "https://careers.acme-robotics.com/jobs/platform-engineer" has maximum salary "95000"
      And the last save counted 0 new, 1 updated and 0 unchanged

    Scenario: Scraping a company again updates its stored posting and adds the new ones
      Given a posting "Senior Robotics Software Engineer" at "https://careers.acme-robotics.com/jobs/1042-senior-robotics-software-engineer"
      And the career page of "ACME Robotics"
      When the sources are scraped
      Then 4 postings are stored
      And the posting "Senior Robotics Software Engineer" is stored once
      And the last save counted 3 new, 1 updated and 0 unchanged

  Rule: The canonical address identifies a posting across sites

    Scenario: The same posting found on a job board and on the career site is one posting
      Given a posting "Machine Learning Engineer" from "careers.globex-ai.com" at "https://careers.globex-ai.com/jobs/ml-engineer"
      When the posting "Machine Learning Engineer" is found on "linkedin" at "https://www.careers.globex-ai.com/jobs/ml-engineer/?trk=public_jobs_topcard"
      Then 1 posting is stored

    Scenario Outline: Addresses that differ only cosmetically are one posting
      Given a posting "Site Reliability Engineer" at "https://careers.acme-robotics.com/jobs/sre?id=7&lang=en"
      When the posting "Site Reliability Engineer" is found again at "<address>"
      Then 1 posting is stored

      Examples: cosmetic differences
        | address                                                                    |
        | HTTPS://Careers.Acme-Robotics.com/jobs/sre?lang=en&id=7                    |
        | https://careers.acme-robotics.com:443/jobs/sre/?id=7&lang=en               |
        | https://careers.acme-robotics.com/jobs/sre?id=7&lang=en&utm_campaign=fall  |
        | https://careers.acme-robotics.com/jobs/sre?gclid=abc&id=7&lang=en#apply    |
        | http://careers.acme-robotics.com/jobs/sre?id=7&lang=en                     |

    Scenario: The same title at two companies is two postings
      Given the store holds these postings:
        | title         | company        | address                                               |
        | Data Engineer | Northwind Data | https://jobs.northwind-data.io/openings/data-engineer |
      When these postings are found:
        | title         | company        | address                                               |
        | Data Engineer | Globex AI      | https://careers.globex-ai.com/jobs/data-engineer      |
      Then the posting "Data Engineer" of "Globex AI" is stored
      And one posting of "Northwind Data" is stored
      And 2 postings are stored

    Scenario Outline: Addresses of different pages are different postings
      Given a posting "Site Reliability Engineer" at "https://careers.acme-robotics.com/jobs/sre?id=7&lang=en"
      When the posting "Site Reliability Engineer" is found again at "<address>"
      Then 2 postings are stored

      Examples: different pages
        | address                                                        |
        | https://careers.acme-robotics.com/jobs/sre?id=8&lang=en        |
        | https://careers.acme-robotics.com/jobs/sre-2?id=7&lang=en      |
        | https://jobs.acme-robotics.com/jobs/sre?id=7&lang=en           |
