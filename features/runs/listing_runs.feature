Feature: The list of runs says where each run stands
  Whoever starts a run in the background comes back later to see whether it is
  still waiting, under way or over, without following it. The list of runs shows
  each run's status and how many of its sources are done, for runs over career
  sites and over job-board searches alike.

  Background:
    Given sources are scraped one at a time

  Rule: A run is listed with its status and the sources it has done

    Scenario: A run no worker has taken yet is listed as queued
      Given 2 company career sites
      And a background run over these career sites is waiting for a worker
      When the runs are listed
      Then the run is listed as queued with 0 of 2 sources done

    @slow
    Scenario: A finished run over a job-board search is listed as completed
      Given a job-board search for "python developer in Berlin" on LinkedIn
      And a background worker is running
      And a background run over these searches has ended
      When the runs are listed
      Then the run is listed as completed with 1 of 1 source done

  Rule: A run started without following it still runs to its end

    @slow
    Scenario: A run nobody follows completes and stores its postings
      Given two company career sites
      And a background worker is running
      When a background run over these career sites is started
      Then the run completes with 4 postings found
      And 4 postings are stored
