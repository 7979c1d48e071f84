# frozen_string_literal: true

module Seam
  module Http
    # What the gem's Faraday connection does for it (`seam.client`): JSON in and out, the auth
    # headers, the API's error bodies raised as ApiError. Unlike Faraday, a path is appended to the
    # endpoint's own path: doc-harness's mock tells examples apart by that prefix.
    class Transport
      Response = Struct.new(:status, :headers, :body) do
        def success?
          status.between?(200, 299)
        end
      end

      SDK_HEADERS = {"seam-sdk-name" => "doc-harness built-in client (seamapi/ruby interface)"}.freeze
      DEFAULT_TIMEOUT = 30

      attr_reader :url_prefix, :headers

      def initialize(endpoint, headers, timeout: DEFAULT_TIMEOUT)
        @url_prefix = URI(endpoint)
        unless @url_prefix.is_a?(URI::HTTP) && @url_prefix.host
          raise ArgumentError, "the Seam endpoint must be an http(s) URL, got #{endpoint.inspect}"
        end

        @headers = SDK_HEADERS.merge(headers).merge("content-type" => "application/json")
        @timeout = timeout
      end

      def get(path, params = {})
        run(Net::HTTP::Get, path, query: params)
      end

      def delete(path, params = {})
        run(Net::HTTP::Delete, path, query: params)
      end

      def post(path, body = {})
        run(Net::HTTP::Post, path, body: body)
      end

      def put(path, body = {})
        run(Net::HTTP::Put, path, body: body)
      end

      def patch(path, body = {})
        run(Net::HTTP::Patch, path, body: body)
      end

      # Without the headers: they hold the key.
      def inspect
        "#<#{self.class.name} #{@url_prefix}>"
      end

      private

      def run(kind, path, query: nil, body: nil)
        target = "#{@url_prefix.path.chomp("/")}/#{path.to_s.delete_prefix("/")}"
        target += "?#{URI.encode_www_form(query)}" if query && !query.empty?
        request = kind.new(target, @headers)
        request.body = JSON.generate(body) unless body.nil?
        # No proxy (nil): a snippet's requests go to the endpoint it names, as with the gem's defaults here.
        http = Net::HTTP.new(@url_prefix.host, @url_prefix.port, nil)
        http.use_ssl = @url_prefix.scheme == "https"
        http.open_timeout = http.read_timeout = http.write_timeout = @timeout
        answer = http.start { http.request(request) }
        check(Response.new(answer.code.to_i, answer.to_hash.transform_values(&:first), parse(answer)))
      end

      def parse(answer)
        text = answer.body.to_s
        return text unless answer["content-type"].to_s.match?(/\bjson\b/)

        JSON.parse(text)
      rescue JSON::ParserError
        text
      end

      def check(response)
        return response if response.success?

        request_id = response.headers["seam-request-id"]
        raise UnauthorizedError.new(request_id) if response.status == 401

        error = response.body["error"] if response.body.is_a?(Hash)
        raise HttpStatusError.new(response.status, response.body) unless api_error?(error)

        details = {type: error["type"], message: error["message"], data: error["data"]}
        if error["type"] == "invalid_input"
          details["validation_errors"] = error["validation_errors"]
          raise InvalidInputError.new(details, response.status, request_id)
        end
        raise ApiError.new(details, response.status, request_id)
      end

      def api_error?(error)
        error.is_a?(Hash) && error["type"].is_a?(String) && error["message"].is_a?(String)
      end
    end
  end
end
