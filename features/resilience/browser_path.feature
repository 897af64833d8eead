@browser @security
Feature: Pages drawn in the browser obey the same limits as any other
  Sites built as JavaScript apps are drawn in Chromium, and a browser follows
  redirects and downloads whatever it is sent. So the browser fetches nothing
  itself: every request of the page, and every hop of a redirect, passes the
  same address check as the plain HTTP path, and a page over the size limit is
  refused there too.

  Rule: A redirect never takes the browser into the private network

    Scenario: A page drawn in the browser that redirects into the private network is refused
      Given a career page that redirects to an address in the private network
      And the pages of "careers.sneaky-scripts.example" are drawn in the browser
      When the sources are scraped
      Then the source "https://careers.sneaky-scripts.example/careers" is reported as rejected because "private addresses are not allowed"
      And nothing reached the private network

    Scenario: A page's data request that redirects into the private network goes nowhere
      Given a career page drawn by JavaScript whose job data redirects into the private network
      And no model is available for pages without structured data
      When the sources are scraped
      Then nothing reached the private network

  Rule: A page over the size limit is refused in the browser too

    @boundary
    Scenario: A 20 MB page drawn in the browser is refused
      Given the career page of "Huge Pages"
      And the pages of "careers.huge-pages.com" are drawn in the browser
      When the sources are scraped
      Then the career page of "Huge Pages" is reported as failed because "over the limit"
