@dashboard @browser
Feature: A dashboard for every screen, keyboard and connection
  The dashboard is used on laptops and phones, with a mouse or with the
  keyboard alone, on connections that drop. Every page must be usable at a
  phone's width, every action must be reachable with the keyboard, and a lost
  connection must be said plainly and recover by itself.

  Rule: Every page fits a phone's width

    Scenario Outline: A page at a phone's width needs no sideways scrolling
      Given the dashboard is seen on a screen 390 pixels wide
      When the product owner opens the dashboard's <page> page
      Then the page fits the screen's width

      Examples:
        | page            |
        | scrape          |
        | sources         |
        | runs            |
        | jobs            |
        | models and costs |

  Rule: The keyboard alone is enough

    Scenario: A career page is saved with the keyboard alone
      Given the product owner has the dashboard's sources page open
      When the product owner adds the career page "https://careers.acme-robotics.com/jobs" on the dashboard with the keyboard alone
      Then the saved sources are "https://careers.acme-robotics.com/jobs"

  Rule: A lost connection is shown and recovers by itself

    Scenario: The dashboard says when its connection is lost and recovers
      Given the product owner has the dashboard's jobs page open
      When the dashboard's server restarts
      Then the dashboard said that the connection was lost
      And the dashboard is connected again without a reload
