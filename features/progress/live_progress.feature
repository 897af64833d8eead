Feature: Live progress of a background run
  A scrape over many career sites takes minutes. Whoever started it, on the
  command line or on the dashboard, wants to watch it advance source by source
  and to learn the moment it ends: how many postings it found, or why it failed.
  Someone who starts watching later must see where the run stands now, not an
  empty bar that only moves at the next update.

  How long each update takes from the worker to the watcher is measured and
  shown with the scenario. It is a number to watch, not a pass/fail limit.

  Background:
    Given sources are scraped one at a time
    And a background worker is running

  Rule: Progress is reported in order until the run ends

    @slow @smoke
    Scenario: A run over several career sites reports its progress up to 100%
      Given 3 company career sites
      When a background run over these career sites is started and followed to the end
      Then progress was reported source by source, in order, up to 100%
      And the run ends completed with 6 postings found
      And the delay of each progress update is recorded

    @slow
    Scenario: The last update tells what the run found and where it was processed
      Given 2 company career sites
      When a background run over these career sites is started and followed to the end
      Then the last update shows 100% with 4 postings found
      And the postings found so far were shown growing to 4
      And 4 of them were processed locally and none in the cloud
      And the final message says "4 postings from 2 sources"

    @slow
    Scenario: Someone who starts watching a run late first sees where it stands
      Given 3 company career sites that each answer in 0.5 seconds
      And a background run over these career sites has finished 1 source
      When someone starts following the run
      Then the first update they see shows 1 of 3 sources done
      And the run ends completed with 6 postings found

  Rule: A run that cannot succeed ends failed, saying why

    @slow
    Scenario: A run whose only career site is down ends failed with the reason
      Given a career site "careers.closed-for-repairs.com" that answers every request with status 503
      When a background run over "https://careers.closed-for-repairs.com/jobs" is started and followed to the end
      Then the run ends failed because "503"
