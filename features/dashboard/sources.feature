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
