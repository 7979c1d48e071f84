# frozen_string_literal: true

module Seam
  module Http
    # The API answered with its error body (`{"error": {"type": …, "message": …}}`).
    class ApiError < StandardError
      attr_reader :code, :status_code, :request_id, :data

      def initialize(error, status_code, request_id)
        super(error[:message])
        @code = error[:type]
        @status_code = status_code
        @request_id = request_id
        @data = error[:data]
      end
    end

    class UnauthorizedError < ApiError
      def initialize(request_id)
        super({type: "unauthorized", message: "Unauthorized"}, 401, request_id)
      end
    end

    class InvalidInputError < ApiError
      attr_reader :validation_errors

      def initialize(error, status_code, request_id)
        super
        @code = "invalid_input"
        @validation_errors = error["validation_errors"] || {}
      end

      def get_validation_error_messages(param_name)
        @validation_errors.dig(param_name, "_errors") || []
      end
    end

    # A success answer without the route's response key.
    class InvalidResponseError < StandardError
      attr_reader :path, :response_key

      def initialize(path, response_key, reason)
        super("Seam returned an invalid response for #{path}: expected \"#{response_key}\", #{reason}")
        @path = path
        @response_key = response_key
      end
    end

    class InvalidTokenError < StandardError
      def initialize(message)
        super("SeamHttp received an invalid token: #{message}")
      end
    end

    class InvalidOptionsError < StandardError
      def initialize(message)
        super("SeamHttp received invalid options: #{message}")
      end
    end

    # Built-in only. An error status whose body is not the API's error: the gem lets Faraday raise
    # one of its own errors here (Faraday::ClientError, Faraday::ServerError), with this message.
    class HttpStatusError < StandardError
      attr_reader :status_code, :body

      def initialize(status_code, body)
        super("the server responded with status #{status_code}")
        @status_code = status_code
        @body = body
      end
    end
  end

  class ActionAttemptError < StandardError
    attr_reader :action_attempt

    def initialize(message, action_attempt)
      super(message)
      @action_attempt = action_attempt
    end

    def name
      self.class.name
    end
  end

  class ActionAttemptFailedError < ActionAttemptError
    attr_reader :code

    def initialize(action_attempt)
      error = action_attempt.error
      super((error && error["message"]) || "Action attempt failed", action_attempt)
      @code = error && error["type"]
    end
  end

  class ActionAttemptTimeoutError < ActionAttemptError
    def initialize(action_attempt, timeout)
      super("Timed out waiting for action attempt after #{timeout}s", action_attempt)
    end
  end

  class ActionAttemptUnknownStatusError < ActionAttemptError
    attr_reader :status

    def initialize(action_attempt, status)
      super("Action attempt reported an unknown status #{status.inspect}. " \
        "This SDK version may predate it; upgrade or read the action attempt directly.", action_attempt)
      @status = status
    end
  end
end
