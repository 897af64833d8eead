Feature: Local models extract postings, one model at a time
  Pages without structured data are read by a local Qwen3 model on vLLM. A
  machine holds one such model at a time, so the scraper keeps exactly one
  loaded and swaps it when a page needs another size of model; each load is
  timed, because slow swaps cost throughput. Whatever a model answers is
  checked: a posting is stored complete or not at all. When the local model
  fails, the cloud model takes over if one is configured; pages too large for
  the local models are reported as needing the cloud when none is.

  On the cpu-tiny profile the local models are tiny, randomly initialised
  Qwen3 models: loading, swapping, token counts and the JSON format are real,
  the words they write are not. Scenarios that need a real model's judgement
  are tagged real_model and run on the gpu profile.

  Background:
    Given the local models are installed

  Rule: Exactly one local model is loaded, and loads are timed

    @vllm @slow
    Scenario: A page for another tier swaps the loaded model
      Given the model for short pages is loaded
      When a career page whose prompt is 3000 tokens is extracted
      Then 1 local model is loaded
      And the model for medium pages is the one loaded
      And the time it took to load the model for medium pages is recorded

  Rule: What a local model answers becomes a complete posting

    @vllm @slow
    Scenario: A page without structured data becomes a posting through the local model
      Given a career page whose prompt is 3000 tokens
      When the page is extracted
      Then the page yields 1 valid posting with a title
      And the posting is stored with the extraction route "local"
      And the model call is recorded with its route, tier, tokens and threshold

    @real_model
    Scenario: The local model reads the job title from the page
      Given a career page for "Senior Python Engineer" without structured data
      When the page is extracted
      Then the extracted title is "Senior Python Engineer"

    @vllm
    Scenario: An answer cut short is asked for once more
      Given no cloud model endpoint is configured
      And the local model may write at most 8 tokens per page
      And a career page whose prompt is 3000 tokens
      When the page is extracted
      Then the local model was asked 2 times

    @vllm
    Scenario: A page whose answers stay incomplete is reported, and nothing is stored
      Given no cloud model endpoint is configured
      And the local model may write at most 8 tokens per page
      And a career page whose prompt is 3000 tokens
      When the page is extracted
      Then the page is reported as "extraction failed" with the reason
      And no posting is stored for the page

  Rule: The cloud takes the pages the local models cannot

    @vllm @slow
    Scenario: A local model that cannot be loaded falls back to the cloud
      Given the local models are missing
      And a cloud model endpoint is configured
      And a career page whose prompt is 3000 tokens
      When the page is extracted
      Then the posting came from the cloud endpoint
      And the local call failing with "is missing" and the fallback to the cloud are recorded

    @vllm @slow
    Scenario: A local model that answers too slowly falls back to the cloud
      Given a cloud model endpoint is configured
      And the local model must answer within 0.01 seconds
      And a career page whose prompt is 3000 tokens
      When the page is extracted
      Then the posting came from the cloud endpoint
      And the local call failing with "timed out" and the fallback to the cloud are recorded

    @vllm @slow
    Scenario: A page over the threshold is extracted by the cloud model
      Given a cloud model endpoint is configured
      And a career page whose prompt is 9000 tokens
      When the page is extracted
      Then the posting came from the cloud endpoint

    Scenario: A page over the threshold without a cloud endpoint needs the cloud
      Given no cloud model endpoint is configured
      And a career page whose prompt is 9000 tokens
      When the page is extracted
      Then the page is reported as "needs cloud" with its token count
      And no posting is stored for the page

    Scenario: With the model route switched off a page needs a model, and what is stored stays
      Given a posting "Care Coordinator" at "https://jobs.ashbyhq.com/quarryhealth/care-coordinator"
      And no model is available for pages without structured data
      And a career page whose prompt is 2000 tokens
      When the page is extracted
      Then the page is reported as "needs model" with the reason
      And no posting is stored for the page
