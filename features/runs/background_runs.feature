Feature: Background runs on shared workers
  Scrapes run in the background on workers, so the command line and the
  dashboard stay free while they work. Several workers share one queue to get
  through many runs sooner, and a run must be done once, not twice. A run must
  also survive the accidents of a long job: the user cancels it, the machine
  kills the worker carrying it out, the Redis server restarts. What was found
  is never lost and never stored twice.

  Background:
    Given sources are scraped one at a time
    And 2 background workers are running

  Rule: Workers share the queue and each run is done exactly once

    @slow @concurrency
    Scenario: Two workers share four runs and do each exactly once
      Given 4 company career sites that each answer in 0.5 seconds
      When a background run is started for each career site
      Then every run ends completed
      And the runs were shared between 2 workers
      And every career site was scraped exactly once
      And 8 postings are stored

  Rule: Cancelling a run stops it before its next source and keeps what it stored

    @slow
    Scenario: A run cancelled mid-way keeps the postings it already found
      Given 4 company career sites that each answer in 0.5 seconds
      And a background run over these career sites has finished 1 source
      When the run is cancelled
      Then the run ends cancelled
      And the postings it found before the cancellation are kept
      And the career sites it had not started were never visited

  Rule: A run survives the crash of its worker or of Redis

    @slow @crash
    Scenario: A run whose worker is killed completes on another worker
      Given 3 company career sites that each answer in 0.5 seconds
      And a background run over these career sites has finished 1 source
      When the worker carrying out the run is killed
      Then the run ends completed with 6 postings found
      And no source finished before the crash was scraped again
      And 6 postings are stored

    @slow @crash
    Scenario: A run goes on when the Redis server restarts mid-run
      Given 3 company career sites that each answer in 0.5 seconds
      And a background run over these career sites has finished 1 source
      When the Redis server restarts
      Then the run ends completed with 6 postings found
      And 6 postings are stored

  Rule: A background run stores what a scrape in the foreground stores

    @slow
    Scenario: A background run over a company's career page stores every posting it lists
      Given the career page of "ACME Robotics"
      When a background run over these career sites is started and followed to the end
      Then the run ends completed with 4 postings found
      And the career page of "ACME Robotics" is reported as successful
      And every posting of "ACME Robotics" is stored with its title, company, location and salary
