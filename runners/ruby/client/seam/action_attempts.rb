# frozen_string_literal: true

module Seam
  # What a method that answers with an action attempt does with it: returns it as it is, or, when
  # waiting (`wait_for_action_attempt: true` or `{timeout:, polling_interval:}`, per call or the
  # client's default), polls /action_attempts/get until it is no longer pending.
  module ActionAttemptResolver
    DEFAULT_TIMEOUT = 5.0
    DEFAULT_POLLING_INTERVAL = 0.5

    module_function

    def resolve(action_attempt, client, wait)
      return wait_until_resolved(action_attempt, client) if wait == true

      options = wait.is_a?(Seam::DeepHashAccessor) ? wait.to_h : wait
      return action_attempt unless options.is_a?(Hash)

      options = options.transform_keys(&:to_sym)
      wait_until_resolved(action_attempt, client, timeout: options[:timeout], polling_interval: options[:polling_interval])
    end

    def wait_until_resolved(action_attempt, client, timeout: nil, polling_interval: nil)
      timeout ||= DEFAULT_TIMEOUT
      polling_interval ||= DEFAULT_POLLING_INTERVAL
      waited = 0.0
      while action_attempt.status == "pending"
        sleep(polling_interval)
        waited += polling_interval
        raise ActionAttemptTimeoutError.new(action_attempt, timeout) if waited > timeout

        response = client.post("/action_attempts/get", {action_attempt_id: action_attempt.action_attempt_id})
        action_attempt.update_from_response(response.body["action_attempt"])
      end
      raise ActionAttemptFailedError.new(action_attempt) if action_attempt.status == "error"
      raise ActionAttemptUnknownStatusError.new(action_attempt, action_attempt.status) unless action_attempt.status == "success"

      action_attempt
    end
  end
end
