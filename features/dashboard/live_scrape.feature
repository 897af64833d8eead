@dashboard @browser
Feature: Scraping from the dashboard
  The dashboard is where a user starts a scrape and watches it work: the bar
  moves as each source finishes, the postings appear while it runs, and every
  source says how it went. What the dashboard shows is what is stored, read
  live from the run's progress stream rather than guessed from the database,
  so someone who opens a running run sees at once where it stands.

  Background:
    Given a background worker is running
    And sources are scraped one at a time

  Rule: A scrape started from the dashboard shows its progress live and ends at 100%

    @slow @smoke
    Scenario: The bar reaches 100% while the postings appear
      Given the career page of "ACME Robotics"
      And the career page of "Northwind Data"
      When the product owner scrapes these sources from the dashboard
      Then the dashboard shows the run completed at 100%
      And the dashboard showed postings appearing before the run ended
      And the postings the dashboard shows are the postings stored

    @slow
    Scenario: Every progress update's way to the screen is timed
      Given 3 company career sites that each answer in 0.5 seconds
      When the product owner scrapes these sources from the dashboard
      Then the dashboard shows the run completed at 100%
      And the dashboard shows 3 sources done
      And the delay from each progress update to the screen is recorded

    @slow
    Scenario: A failing source shows its reason while the others complete
      Given the career page of "ACME Robotics"
      And a career site "careers.down-for-good.example" that answers every request with status 503
      When the product owner scrapes these sources from the dashboard
      Then the dashboard shows the source "https://careers.down-for-good.example/jobs" as failed because "503"
      And the dashboard shows the career page of "ACME Robotics" as successful
      And the dashboard shows the run completed at 100%

  Rule: A run is shown, never started twice

    @slow
    Scenario: Starting a scrape that is already running shows the running one
      Given 3 company career sites that each answer in 0.5 seconds
      And the product owner has started a scrape of these sources from the dashboard
      When the product owner starts the same scrape again from the dashboard
      Then the dashboard shows the run it started first
      And only one run was started

  Rule: Cancelling stops a run before its next source and keeps what it found

    @slow
    Scenario: A run cancelled from the dashboard keeps the postings it found
      Given 4 company career sites that each answer in 0.5 seconds
      And the product owner has started a scrape of these sources from the dashboard
      And the dashboard shows 1 source done
      When the product owner cancels the run from the dashboard
      Then the run ends cancelled
      And the postings it found before the cancellation are kept

  Rule: Whoever opens a running run sees where it stands at once

    @slow
    Scenario: Opening the page of a run mid-way shows its progress so far
      Given 3 company career sites that each answer in 2 seconds
      And a background run over these career sites has finished 1 source
      When the product owner opens the dashboard page of the run
      Then the first thing the dashboard shows is the run under way with at least 1 of 3 sources done
      And the dashboard shows the run completed at 100%

    @slow
    Scenario: Opening the scrape page while a run is going shows that run
      Given 3 company career sites that each answer in 2 seconds
      And a background run over these career sites has finished 1 source
      When the product owner opens the dashboard's scrape page
      Then the first thing the dashboard shows is the run under way with at least 1 of 3 sources done
      And the dashboard shows the run completed at 100%

  Rule: A closed tab stops following its run

    @slow
    Scenario: Closing the dashboard ends its follower while the run goes on
      Given 3 company career sites that each answer in 1 second
      And the product owner has started a scrape of these sources from the dashboard
      When the product owner closes the dashboard
      Then nothing follows the run's progress any more
      And the run ends completed with 6 postings found

  Rule: The runs page keeps the history and shows who works on the queue

    @slow
    Scenario: A finished run and the worker that did it are on the runs page
      Given the career page of "ACME Robotics"
      And a background run over these career sites has ended
      When the product owner opens the dashboard's runs page
      Then the runs page lists the run as completed with 4 postings found
      And the runs page lists 1 worker
