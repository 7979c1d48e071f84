# frozen_string_literal: true

module Seam
  module Http
    # The client's options as the gem reads them: the key from the argument or SEAM_API_KEY, the
    # endpoint from the argument, SEAM_ENDPOINT or SEAM_API_URL, and the gem's checks of the key's
    # shape (they run before any request, so a docs snippet with a placeholder key fails here).
    module Options
      DEFAULT_ENDPOINT = "https://connect.getseam.com"

      TOKEN_PREFIX = "seam_"
      ACCESS_TOKEN_PREFIX = "seam_at"
      CLIENT_SESSION_TOKEN_PREFIX = "seam_cst"
      PUBLISHABLE_KEY_PREFIX = "seam_pk"
      JWT_PREFIX = "ey"

      module_function

      def parse(api_key:, personal_access_token:, workspace_id:, endpoint:)
        api_key ||= ENV["SEAM_API_KEY"] if personal_access_token.nil?
        {auth_headers: auth_headers(api_key, personal_access_token, workspace_id), endpoint: endpoint(endpoint)}
      end

      def endpoint(given)
        given || ENV["SEAM_ENDPOINT"] || ENV["SEAM_API_URL"] || DEFAULT_ENDPOINT
      end

      def auth_headers(api_key, personal_access_token, workspace_id)
        if api_key && personal_access_token
          raise InvalidOptionsError, "The personal_access_token option cannot be used with the api_key option"
        end
        return api_key_headers(api_key) unless api_key.nil?
        return personal_access_token_headers(personal_access_token, workspace_id) unless personal_access_token.nil?

        raise InvalidOptionsError, "Must specify an api_key or personal_access_token. " \
          "Attempted reading configuration from the environment, but the environment variable SEAM_API_KEY is not set."
      end

      def api_key_headers(key)
        raise InvalidTokenError, "A Client Session Token cannot be used as an api_key" if key.start_with?(CLIENT_SESSION_TOKEN_PREFIX)
        raise InvalidTokenError, "A JWT cannot be used as an api_key" if key.start_with?(JWT_PREFIX)
        raise InvalidTokenError, "An Access Token cannot be used as an api_key" if key.start_with?(ACCESS_TOKEN_PREFIX)
        raise InvalidTokenError, "A Publishable Key cannot be used as an api_key" if key.start_with?(PUBLISHABLE_KEY_PREFIX)
        unless key.start_with?(TOKEN_PREFIX)
          raise InvalidTokenError, "Unknown or invalid api_key format, expected token to start with #{TOKEN_PREFIX}"
        end

        {"authorization" => "Bearer #{key}"}
      end

      def personal_access_token_headers(token, workspace_id)
        raise InvalidOptionsError, "Must pass a workspace_id when using a personal_access_token" if workspace_id.nil?
        raise InvalidTokenError, "A JWT cannot be used as a personal_access_token" if token.start_with?(JWT_PREFIX)
        if token.start_with?(CLIENT_SESSION_TOKEN_PREFIX)
          raise InvalidTokenError, "A Client Session Token cannot be used as a personal_access_token"
        end
        raise InvalidTokenError, "A Publishable Key cannot be used as a personal_access_token" if token.start_with?(PUBLISHABLE_KEY_PREFIX)
        unless token.start_with?(ACCESS_TOKEN_PREFIX)
          raise InvalidTokenError,
            "Unknown or invalid personal_access_token format, expected token to start with #{ACCESS_TOKEN_PREFIX}"
        end

        {"authorization" => "Bearer #{token}", "seam-workspace" => workspace_id}
      end
    end
  end
end
