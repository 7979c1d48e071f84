# frozen_string_literal: true

module Seam
  module Http
    def self.new(**options)
      SingleWorkspace.new(**options)
    end

    def self.from_api_key(api_key, **options)
      SingleWorkspace.from_api_key(api_key, **options)
    end

    def self.from_personal_access_token(personal_access_token, workspace_id, **options)
      SingleWorkspace.from_personal_access_token(personal_access_token, workspace_id, **options)
    end

    # `Seam.new(…)`: the client of one workspace. `faraday_options` may carry `headers`, which are
    # sent with every request; its other options and `faraday_retry_options` are accepted and
    # have no effect (there is no Faraday here). `client:` replaces the transport, as in the gem.
    class SingleWorkspace
      include Seam::Routes

      attr_reader :client, :defaults

      def initialize(client: nil, api_key: nil, personal_access_token: nil, workspace_id: nil, endpoint: nil,
        wait_for_action_attempt: true, faraday_options: {}, faraday_retry_options: {})
        options = Options.parse(api_key: api_key, personal_access_token: personal_access_token,
          workspace_id: workspace_id, endpoint: endpoint)
        @defaults = Seam::DeepHashAccessor.new({"wait_for_action_attempt" => wait_for_action_attempt})
        headers = (faraday_options[:headers] || faraday_options["headers"] || {}).transform_keys(&:to_s)
        @client = client || Transport.new(options[:endpoint], headers.merge(options[:auth_headers]))
      end

      def inspect
        "#<#{self.class.name}>"
      end

      def self.from_api_key(api_key, endpoint: nil, wait_for_action_attempt: false, faraday_options: {}, faraday_retry_options: {})
        new(api_key: api_key, endpoint: endpoint, wait_for_action_attempt: wait_for_action_attempt,
          faraday_options: faraday_options, faraday_retry_options: faraday_retry_options)
      end

      def self.from_personal_access_token(personal_access_token, workspace_id, endpoint: nil, wait_for_action_attempt: false,
        faraday_options: {}, faraday_retry_options: {})
        new(personal_access_token: personal_access_token, workspace_id: workspace_id, endpoint: endpoint,
          wait_for_action_attempt: wait_for_action_attempt, faraday_options: faraday_options,
          faraday_retry_options: faraday_retry_options)
      end
    end
  end
end
