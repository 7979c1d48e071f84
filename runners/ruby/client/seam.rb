# frozen_string_literal: true

# doc-harness's built-in Seam client for Ruby: what runs the Ruby tabs when the `seam` gem
# (seamapi/ruby) cannot be installed here. It has the gem's public interface as far as a docs
# snippet can see it — `Seam.new(api_key:, endpoint:, wait_for_action_attempt:)`, namespaces
# (`seam.acs.users`), keyword-argument methods, resource objects with attribute readers and
# `.data`, nil for void routes, `Seam::Http::ApiError` — and builds it by reflection over an
# index of the API (runners/ruby/api-index.ts) instead of generated code. What matches the gem
# and what does not is listed in runners/ruby/README.md. Standard library only.
require "json"
require "net/http"
require "time"
require "uri"

require_relative "seam/api_index"
require_relative "seam/errors"
require_relative "seam/options"
require_relative "seam/transport"
require_relative "seam/deep_hash_accessor"
require_relative "seam/resources"
require_relative "seam/action_attempts"
require_relative "seam/routes"
require_relative "seam/http"

module Seam
  def self.new(**options)
    Http.new(**options)
  end

  def self.from_api_key(api_key, **options)
    Http.from_api_key(api_key, **options)
  end

  def self.from_personal_access_token(personal_access_token, workspace_id, **options)
    Http.from_personal_access_token(personal_access_token, workspace_id, **options)
  end
end
