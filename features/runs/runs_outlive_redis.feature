Feature: Runs outlive the Redis server
  Redis holds the queue but keeps nothing on disk: a restart empties it. The
  runs themselves are recorded in the database, so a run that was waiting for
  a worker when Redis restarted is not forgotten: the next worker finds it
  there, queues it again, and carries it out.

  @slow @crash
  Scenario: A run waiting for a worker when Redis restarts is still carried out
    Given 2 company career sites
    And a background run over these career sites is waiting for a worker
    And the Redis server has restarted since
    When a background worker starts
    Then the run ends completed with 4 postings found
