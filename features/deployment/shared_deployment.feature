Feature: One deployment shared by several machines
  A team runs its workers on the machines with GPUs and the dashboard wherever
  people look at it; all of them meet in one PostgreSQL database and one Redis,
  and the local models are served by a vLLM model server. The workers share
  the queue, so runs spread over them; every posting is stored once, whichever
  worker found it; and the dashboard shows every worker, wherever it runs.

  Background:
    Given 2 workers and the dashboard share this machine's PostgreSQL, its Redis and a local model server

  @postgres @vllm @slow @concurrency
  Scenario: Runs spread over both workers, and each posting is stored once
    Given these career pages:
      | company            |
      | Example Company 01 |
      | Example Company 02 |
      | Example Company 03 |
      | Northwind Data     |
    When a background run is started for each career site
    Then every run ends completed
    And the runs were shared between 2 workers
    And every posting of these career sites is stored once

  @postgres @vllm @slow
  Scenario: Pages without structured data are read by the shared model server
    Given the career page of "Northwind Data"
    When a background run over these career sites is started and followed to the end
    Then the run ends completed with 3 postings found
    And every posting of "Northwind Data" was read by the local model server

  @postgres @vllm @slow
  Scenario: The dashboard shows the workers of the shared deployment
    When the product owner opens the dashboard's runs page
    Then the runs page lists 2 workers
