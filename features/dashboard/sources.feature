@dashboard @browser
Feature: Saved sources on the dashboard
  A user keeps the career pages and job-board searches they care about on the
  dashboard, to scrape them again whenever they like. The dashboard applies
  the same rules as the command line: an address that points into the user's
  own network or uses another scheme is refused next to the field, with the
  reason, and nothing is saved.

  Rule: Sources the rules allow are saved

    Scenario: A career page and a job-board search are saved
      Given the product owner has the dashboard's sources page open
      When the product owner adds these sources on the dashboard:
        | source                               | boards          |
        | https://careers.acme-robotics.com/jobs |               |
        | python developer in Berlin           | LinkedIn, Indeed |
      Then the saved sources are "https://careers.acme-robotics.com/jobs" and "python developer in Berlin"

  Rule: A saved source can be left out of scrapes, or deleted after a confirmation

    Scenario: A disabled source stays saved but is not offered for scraping
      Given the career page of "ACME Robotics" is a saved source
      And the career page of "Globex AI" is a saved source
      When the product owner disables the career page of "ACME Robotics" on the dashboard
      Then the dashboard offers only the career page of "Globex AI" to scrape
      And the saved sources are "https://careers.acme-robotics.com/jobs" and "https://careers.globex-ai.com/jobs"

    Scenario: A source is deleted only once the product owner confirms
      Given the career page of "ACME Robotics" is a saved source
      When the product owner deletes the career page of "ACME Robotics" on the dashboard
      Then the dashboard asked for a confirmation before deleting it
      And no source is saved

  Rule: A source the rules refuse is refused in the form and nothing is saved

    @security
    Scenario Outline: An address the rules refuse is refused next to the field
      When the product owner adds the career page "<address>" on the dashboard
      Then the dashboard refuses it because "<reason>"
      And no source is saved

      Examples:
        | address                       | reason          |
        | file:///etc/passwd            | file            |
        | http://127.0.0.1:8080/admin   | private         |
        | javascript:alert(1)           | javascript      |
        | https://user:secret@acme.example/jobs | credentials |
